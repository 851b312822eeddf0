import type { Kysely } from "kysely";
import { telegramId } from "./lib/dialect.js";

// Frozen in time: never import application code here.

export async function up(db: Kysely<any>): Promise<void> {
  // Updates received by the webhook: stored before Telegram is answered, so one retried by
  // Telegram (after a restart, or at another instance) is recognised and not handled twice, and
  // one received but not yet handled when the process died is handled at the next start.
  await db.schema
    .createTable("telegram_updates")
    .addColumn("update_id", telegramId(db), (c) => c.primaryKey())
    .addColumn("payload", "text", (c) => c.notNull())
    .addColumn("received_at", "text", (c) => c.notNull())
    .addColumn("handled_at", "text")
    .execute();
  await db.schema.createIndex("telegram_updates_pending").on("telegram_updates").columns(["handled_at", "update_id"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("telegram_updates").execute();
}
