import type { Kysely } from "kysely";
import type { Sector } from "../../domain/catalog.js";
import { parseI18n, toJson } from "../../platform/db/json.js";
import type { Database } from "../../platform/db/schema.js";

export async function listSectors(db: Kysely<Database>): Promise<Sector[]> {
  const rows = await db.selectFrom("sectors").selectAll().orderBy("id").execute();
  return rows.map((row) => ({ id: row.id, name: parseI18n(row.name) }));
}

export async function upsertSector(db: Kysely<Database>, sector: Sector, now: string): Promise<void> {
  await db
    .insertInto("sectors")
    .values({ id: sector.id, name: toJson(sector.name), updated_at: now })
    .onConflict((oc) => oc.column("id").doUpdateSet({ name: toJson(sector.name), updated_at: now }))
    .execute();
}

export async function existingSectorIds(db: Kysely<Database>): Promise<Set<string>> {
  const rows = await db.selectFrom("sectors").select("id").execute();
  return new Set(rows.map((r) => r.id));
}
