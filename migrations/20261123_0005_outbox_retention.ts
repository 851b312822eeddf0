import type { Kysely } from "kysely";

// Frozen in time: never import application code here.

export async function up(db: Kysely<any>): Promise<void> {
  // A broadcast's final figures (JSON: rows per outbox state), written with its final report, so
  // its outbox rows can be purged later without losing what /broadcasts shows of it.
  await db.schema.alterTable("broadcasts").addColumn("final_counts", "text").execute();
  // The retention purge finds finished rows by age.
  await db.schema.createIndex("outbox_state_updated").on("outbox").columns(["state", "updated_at"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("outbox_state_updated").execute();
  await db.schema.alterTable("broadcasts").dropColumn("final_counts").execute();
}
