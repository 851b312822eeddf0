import type { Kysely } from "kysely";

// Frozen in time: never import application code here.

export async function up(db: Kysely<any>): Promise<void> {
  // Where the bot keeps its own copy of a registration's licence, relative to DATA_DIR: a Telegram
  // file_id works only for the bot that received it, and only while Telegram keeps the file.
  // Registrations made before have none; their licence is still sent by file_id.
  await db.schema.alterTable("registrations").addColumn("licence_path", "text").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("registrations").dropColumn("licence_path").execute();
}
