import type { Kysely } from "kysely";

// Frozen in time: never import application code here.

export async function up(db: Kysely<any>): Promise<void> {
  // A rejection's preset reason (missing_licence, fair_full, sector, duplicate, other), translated
  // for each reader; reject_reason keeps the office's own words, sent as written.
  await db.schema.alterTable("registrations").addColumn("reject_code", "text").execute();
  // The Telegram message a sent row became, so a notice can be edited in place later.
  await db.schema.alterTable("outbox").addColumn("message_id", "integer").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("outbox").dropColumn("message_id").execute();
  await db.schema.alterTable("registrations").dropColumn("reject_code").execute();
}
