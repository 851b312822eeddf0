import type { Kysely } from "kysely";
import { telegramId } from "./lib/dialect.js";

// Frozen in time: never import application code here.

export async function up(db: Kysely<any>): Promise<void> {
  // The process that received an update and is handling it: with several web instances, one that
  // starts (or sweeps) takes over only the updates of a receiver that is gone, not those another
  // live instance has in hand.
  await db.schema.alterTable("telegram_updates").addColumn("received_by", "text").execute();
  // Whose update it is: a chat's updates are handled one at a time, oldest first, across instances.
  await db.schema.alterTable("telegram_updates").addColumn("chat_id", telegramId(db)).execute();
  await db.schema.createIndex("telegram_updates_chat").on("telegram_updates").columns(["chat_id", "update_id"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("telegram_updates_chat").execute();
  await db.schema.alterTable("telegram_updates").dropColumn("chat_id").execute();
  await db.schema.alterTable("telegram_updates").dropColumn("received_by").execute();
}
