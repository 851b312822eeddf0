import type { Kysely } from "kysely";

// Frozen in time: never import application code here.

export async function up(db: Kysely<any>): Promise<void> {
  // The process that received an update and is handling it: with several web instances, one that
  // starts (or sweeps) takes over only the updates of a receiver that is gone, not those another
  // live instance has in hand.
  await db.schema.alterTable("telegram_updates").addColumn("received_by", "text").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("telegram_updates").dropColumn("received_by").execute();
}
