import { type Kysely, sql } from "kysely";
import { nowText, telegramId } from "./lib/dialect.js";

// Frozen in time: never import application code here.
// Multilingual fields are JSON objects ({"vi": ..., "zh": ..., "en": ...}) in TEXT columns, so a
// fourth language needs no migration. Instants are ISO-8601 UTC strings; calendar dates are YYYY-MM-DD.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("meta")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("value", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("sectors")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull().defaultTo(nowText(db)))
    .execute();

  await db.schema
    .createTable("contacts")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("province", "text", (c) => c.notNull())
    .addColumn("topics", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("phone", "text")
    .addColumn("email", "text")
    .addColumn("address", "text")
    .addColumn("updated_at", "text", (c) => c.notNull().defaultTo(nowText(db)))
    .execute();

  await db.schema
    .createTable("border_gates")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("counterpart", "text", (c) => c.notNull())
    .addColumn("province", "text", (c) => c.notNull())
    .addColumn("type", "text", (c) => c.notNull().check(sql`type in ('international', 'main')`))
    .addColumn("modes", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("hours", "text", (c) => c.notNull())
    .addColumn("phone", "text")
    .addColumn("email", "text")
    .addColumn("contact_id", "text", (c) => c.references("contacts.id").onDelete("set null"))
    .addColumn("aliases", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("updated_at", "text", (c) => c.notNull().defaultTo(nowText(db)))
    .execute();
  await db.schema.createIndex("border_gates_province").on("border_gates").column("province").execute();

  await db.schema
    .createTable("fairs")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("city", "text", (c) => c.notNull())
    .addColumn("venue", "text", (c) => c.notNull())
    .addColumn("province", "text", (c) => c.notNull())
    .addColumn("starts_on", "text", (c) => c.notNull())
    .addColumn("ends_on", "text", (c) => c.notNull())
    .addColumn("registration_deadline", "text", (c) => c.notNull())
    .addColumn("booth_capacity", "integer", (c) => c.notNull())
    .addColumn("booth_fee", "text")
    .addColumn("organizer", "text", (c) => c.notNull())
    .addColumn("theme", "text")
    .addColumn("contact_id", "text", (c) => c.references("contacts.id").onDelete("set null"))
    .addColumn("aliases", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("created_at", "text", (c) => c.notNull().defaultTo(nowText(db)))
    .addColumn("updated_at", "text", (c) => c.notNull().defaultTo(nowText(db)))
    .execute();
  await db.schema.createIndex("fairs_ends_on").on("fairs").column("ends_on").execute();
  await db.schema.createIndex("fairs_deadline").on("fairs").column("registration_deadline").execute();

  await db.schema
    .createTable("fair_sectors")
    .addColumn("fair_id", "text", (c) => c.notNull().references("fairs.id").onDelete("cascade"))
    .addColumn("sector_id", "text", (c) => c.notNull().references("sectors.id").onDelete("cascade"))
    .addPrimaryKeyConstraint("fair_sectors_pk", ["fair_id", "sector_id"])
    .execute();
  await db.schema.createIndex("fair_sectors_sector").on("fair_sectors").column("sector_id").execute();

  // Telegram user ids fit in 52 bits; the id is Telegram's, not ours.
  await db.schema
    .createTable("users")
    .addColumn("id", telegramId(db), (c) => c.primaryKey())
    .addColumn("first_name", "text")
    .addColumn("username", "text")
    .addColumn("language_code", "text")
    .addColumn("language", "text")
    .addColumn("role", "text", (c) => c.notNull().defaultTo("business").check(sql`role in ('business', 'staff', 'admin')`))
    .addColumn("active", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("first_seen", "text", (c) => c.notNull())
    .addColumn("last_seen", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("users_active_language").on("users").columns(["active", "language"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["users", "fair_sectors", "fairs", "border_gates", "contacts", "sectors", "meta"]) {
    await db.schema.dropTable(table).execute();
  }
}
