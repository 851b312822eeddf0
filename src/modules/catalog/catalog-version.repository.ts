import type { Kysely } from "kysely";
import type { Database } from "../../platform/db/schema.js";

const CATALOG_VERSION = "catalog_version";

/** A counter bumped by every import, read by each process to know its catalog cache is stale. */
export async function getCatalogVersion(db: Kysely<Database>): Promise<string> {
  const row = await db.selectFrom("meta").select("value").where("key", "=", CATALOG_VERSION).executeTakeFirst();
  return row?.value ?? "0";
}

export async function bumpCatalogVersion(db: Kysely<Database>): Promise<void> {
  await db
    .insertInto("meta")
    .values({ key: CATALOG_VERSION, value: "1" })
    .onConflict((oc) =>
      oc.column("key").doUpdateSet((eb) => ({ value: eb.cast<string>(eb(eb.cast("meta.value", "integer"), "+", 1), "text") })),
    )
    .execute();
}
