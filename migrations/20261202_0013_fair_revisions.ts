import { type Kysely, sql } from "kysely";

// Frozen in time: never import application code here.

export async function up(db: Kysely<any>): Promise<void> {
  // A fair's revision, raised by an import that changed what it says, and when that happened: the
  // public calendar feeds give it as SEQUENCE and LAST-MODIFIED, so a subscribed calendar takes
  // the new version of an event rather than keeping the old one. Existing fairs start at 0,
  // revised when they were last written.
  await db.schema
    .alterTable("fairs")
    .addColumn("revision", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable("fairs").addColumn("revised_at", "text").execute();
  await sql`update fairs set revised_at = updated_at`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("fairs").dropColumn("revised_at").execute();
  await db.schema.alterTable("fairs").dropColumn("revision").execute();
}
