import { type Kysely, sql } from "kysely";
import { nowText, serialId, telegramId } from "./lib/dialect.js";

export async function up(db: Kysely<any>): Promise<void> {
  // One row per company (tax id) and fair: signing up again updates it instead of adding one.
  await db.schema
    .createTable("registrations")
    .addColumn("id", "integer", serialId(db))
    .addColumn("reference", "text", (c) => c.notNull().unique())
    .addColumn("fair_id", "text", (c) => c.notNull().references("fairs.id").onDelete("cascade"))
    .addColumn("user_id", telegramId(db), (c) => c.notNull().references("users.id"))
    .addColumn("company", "text", (c) => c.notNull())
    .addColumn("country", "text", (c) => c.notNull().check(sql`country in ('VN', 'CN', 'other')`))
    .addColumn("tax_id", "text", (c) => c.notNull())
    .addColumn("sectors", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("booths", "integer", (c) => c.notNull().check(sql`booths > 0`))
    .addColumn("contact_person", "text", (c) => c.notNull())
    .addColumn("phone", "text", (c) => c.notNull())
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("licence_file_id", "text")
    .addColumn("licence_kind", "text", (c) => c.check(sql`licence_kind in ('photo', 'document')`))
    .addColumn("status", "text", (c) =>
      c.notNull().check(sql`status in ('pending', 'approved', 'rejected', 'cancelled', 'waitlisted', 'offered', 'expired')`),
    )
    .addColumn("waitlisted_at", "text")
    .addColumn("offer_expires_at", "text")
    .addColumn("offered_booths", "integer")
    .addColumn("reject_reason", "text")
    .addColumn("decided_by", telegramId(db))
    .addColumn("decided_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull().defaultTo(nowText(db)))
    .addColumn("updated_at", "text", (c) => c.notNull().defaultTo(nowText(db)))
    .addUniqueConstraint("registrations_fair_tax_id", ["fair_id", "tax_id"])
    .execute();
  await db.schema.createIndex("registrations_fair_status").on("registrations").columns(["fair_id", "status"]).execute();
  await db.schema.createIndex("registrations_user").on("registrations").column("user_id").execute();

  // Reference codes count per prefix (province and year, e.g. LS26), so codes never repeat.
  await db.schema
    .createTable("reference_sequences")
    .addColumn("prefix", "text", (c) => c.primaryKey())
    .addColumn("last", "integer", (c) => c.notNull())
    .execute();

  // Conversation state (sign-up answers), so a restart continues where the user was.
  await db.schema
    .createTable("conversations")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("value", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull().defaultTo(nowText(db)))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["conversations", "reference_sequences", "registrations"]) await db.schema.dropTable(table).execute();
}
