import { type Kysely, sql } from "kysely";
import { nowText, serialId, telegramId } from "./lib/dialect.js";

// Frozen in time: never import application code here.

export async function up(db: Kysely<any>): Promise<void> {
  // What a user follows: every fair ('all', value ''), one fair, a sector or a province (value is
  // the fair id, sector id or province as the fairs table writes it).
  await db.schema
    .createTable("subscriptions")
    .addColumn("id", "integer", serialId(db))
    .addColumn("user_id", telegramId(db), (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("topic", "text", (c) => c.notNull().check(sql`topic in ('all', 'fair', 'sector', 'province')`))
    .addColumn("value", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("created_at", "text", (c) => c.notNull().defaultTo(nowText(db)))
    .addUniqueConstraint("subscriptions_user_topic_value", ["user_id", "topic", "value"])
    .execute();
  // The reminder tick looks subscribers up by what they follow, never user by user.
  await db.schema.createIndex("subscriptions_topic_value").on("subscriptions").columns(["topic", "value", "user_id"]).execute();

  // One row per reminder chosen for a user: the key makes a reminder go out once, whatever
  // overlaps or restarts happen, and it is written in the transaction that queues the message.
  await db.schema
    .createTable("reminder_deliveries")
    .addColumn("user_id", telegramId(db), (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("fair_id", "text", (c) => c.notNull().references("fairs.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) =>
      c.notNull().check(sql`kind in ('deadline_7d', 'deadline_1d', 'starts_3d', 'starts_1d', 'new_fair')`),
    )
    .addColumn("not_before", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull().defaultTo(nowText(db)))
    .addPrimaryKeyConstraint("reminder_deliveries_pk", ["user_id", "fair_id", "kind"])
    .execute();

  // The zone of a user's quiet hours (IANA name); null: Beijing time for Chinese readers, else the offices' zone.
  await db.schema.alterTable("users").addColumn("timezone", "text").execute();

  // Applicants registered before reminders existed follow their fair, as new applicants will.
  await sql`
    insert into subscriptions (user_id, topic, value)
    select distinct user_id, 'fair', fair_id from registrations
    where status in ('pending', 'approved', 'waitlisted', 'offered')
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("users").dropColumn("timezone").execute();
  for (const table of ["reminder_deliveries", "subscriptions"]) await db.schema.dropTable(table).execute();
}
