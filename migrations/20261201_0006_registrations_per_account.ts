import { type Kysely, sql } from "kysely";
import { nowText, onPostgres, serialId, telegramId } from "./lib/dialect.js";

// Frozen in time: never import application code here.

/**
 * A registration belongs to the account that made it. The same tax code at the same fair from
 * another account is a registration of its own (flagged to staff as a possible duplicate), so the
 * one-row-per-tax-code constraint goes; SQLite cannot drop a constraint, so the table is rebuilt.
 */
export async function up(db: Kysely<any>): Promise<void> {
  if (onPostgres(db)) {
    // PostgreSQL drops a constraint in place.
    await db.schema.alterTable("registrations").dropConstraint("registrations_fair_tax_id").execute();
    await db.schema.alterTable("registrations").addColumn("duplicate_of", "integer").execute();
    await db.schema.createIndex("registrations_fair_tax_id").on("registrations").columns(["fair_id", "tax_id"]).execute();
    return;
  }
  await db.schema
    .createTable("registrations_rebuilt")
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
    // The registration of another account with the same tax code at the same fair, when there was one.
    .addColumn("duplicate_of", "integer")
    .execute();
  await sql`insert into registrations_rebuilt (id, reference, fair_id, user_id, company, country, tax_id, sectors, booths,
    contact_person, phone, email, licence_file_id, licence_kind, status, waitlisted_at, offer_expires_at, offered_booths,
    reject_reason, decided_by, decided_at, created_at, updated_at)
    select id, reference, fair_id, user_id, company, country, tax_id, sectors, booths, contact_person, phone, email,
    licence_file_id, licence_kind, status, waitlisted_at, offer_expires_at, offered_booths, reject_reason, decided_by,
    decided_at, created_at, updated_at from registrations`.execute(db);
  await db.schema.dropTable("registrations").execute();
  await db.schema.alterTable("registrations_rebuilt").renameTo("registrations").execute();
  await db.schema.createIndex("registrations_fair_status").on("registrations").columns(["fair_id", "status"]).execute();
  await db.schema.createIndex("registrations_user").on("registrations").column("user_id").execute();
  await db.schema.createIndex("registrations_fair_tax_id").on("registrations").columns(["fair_id", "tax_id"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("registrations_fair_tax_id").execute();
  await db.schema.alterTable("registrations").dropColumn("duplicate_of").execute();
}
