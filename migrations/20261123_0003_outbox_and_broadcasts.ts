import { type Kysely, sql } from "kysely";
import { nowText, serialId, telegramId } from "./lib/dialect.js";

// Frozen in time: never import application code here.

export async function up(db: Kysely<any>): Promise<void> {
  // A staff broadcast: what was said (one version per language, JSON), to whom (audience, JSON),
  // and the one status message its author sees being edited.
  await db.schema
    .createTable("broadcasts")
    .addColumn("id", "integer", serialId(db))
    .addColumn("created_by", telegramId(db), (c) => c.notNull().references("users.id"))
    .addColumn("status", "text", (c) => c.notNull().check(sql`status in ('scheduled', 'sending', 'done', 'cancelled')`))
    .addColumn("content", "text", (c) => c.notNull())
    .addColumn("audience", "text", (c) => c.notNull())
    .addColumn("recipients", "integer", (c) => c.notNull())
    .addColumn("send_at", "text", (c) => c.notNull())
    .addColumn("status_chat_id", telegramId(db))
    .addColumn("status_message_id", "integer")
    .addColumn("started_at", "text")
    .addColumn("finished_at", "text")
    .addColumn("cancelled_by", telegramId(db))
    .addColumn("reported_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull().defaultTo(nowText(db)))
    .execute();
  await db.schema.createIndex("broadcasts_reported").on("broadcasts").column("reported_at").execute();

  // The outbox: one row per message to deliver, whoever queued it (broadcasts, reminders). `kind`
  // tells the sender how to read `payload`; `dedupe_key` makes queuing the same thing twice a no-op.
  // A row is 'sending' only while its request is in flight; after a crash those are sent again.
  await db.schema
    .createTable("outbox")
    .addColumn("id", "integer", serialId(db))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("dedupe_key", "text", (c) => c.notNull().unique())
    .addColumn("chat_id", telegramId(db), (c) => c.notNull())
    .addColumn("payload", "text", (c) => c.notNull())
    .addColumn("state", "text", (c) =>
      c.notNull().defaultTo("queued").check(sql`state in ('queued', 'sending', 'sent', 'failed', 'blocked', 'cancelled')`),
    )
    .addColumn("not_before", "text", (c) => c.notNull())
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("last_error", "text")
    .addColumn("broadcast_id", "integer", (c) => c.references("broadcasts.id").onDelete("cascade"))
    .addColumn("sent_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull().defaultTo(nowText(db)))
    .addColumn("updated_at", "text", (c) => c.notNull().defaultTo(nowText(db)))
    .execute();
  // The sender's query: the next queued row that is due, oldest first.
  await db.schema.createIndex("outbox_due").on("outbox").columns(["state", "not_before", "id"]).execute();
  await db.schema.createIndex("outbox_broadcast_state").on("outbox").columns(["broadcast_id", "state"]).execute();

  // Who did what, when, to how many: every staff action.
  await db.schema
    .createTable("audit_log")
    .addColumn("id", "integer", serialId(db))
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("actor_id", telegramId(db), (c) => c.notNull())
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("target", "text")
    .addColumn("recipients", "integer")
    .addColumn("details", "text")
    .execute();
  await db.schema.createIndex("audit_log_at").on("audit_log").column("at").execute();

  // Chats that were given the staff command menu, so a start-up can take it back from people who
  // are no longer staff even if removing it failed at the time.
  await db.schema
    .createTable("staff_menus")
    .addColumn("chat_id", telegramId(db), (c) => c.primaryKey())
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("set_at", "text", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["staff_menus", "audit_log", "outbox", "broadcasts"]) await db.schema.dropTable(table).execute();
}
