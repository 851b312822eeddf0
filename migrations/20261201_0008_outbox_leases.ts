import type { Kysely } from "kysely";

// Frozen in time: never import application code here.

export async function up(db: Kysely<any>): Promise<void> {
  // A row in flight belongs to the process that claimed it until its lease ends: another process
  // starting (the operators' command beside the bot, a second instance) leaves it alone, and only
  // an expired lease, or an owner known to be dead, puts it back in the queue.
  await db.schema.alterTable("outbox").addColumn("claimed_by", "text").execute();
  await db.schema.alterTable("outbox").addColumn("lease_until", "text").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("outbox").dropColumn("lease_until").execute();
  await db.schema.alterTable("outbox").dropColumn("claimed_by").execute();
}
