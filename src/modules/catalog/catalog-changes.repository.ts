import type { Kysely } from "kysely";
import type { Database } from "../../platform/db/schema.js";

export interface ChangedIds {
  sectors: Set<string>;
  contacts: Set<string>;
  border_gates: Set<string>;
  fairs: Set<string>;
}

/** Ids of the catalog rows written after `since` (an ISO instant, as rows store theirs). */
export async function changedSince(db: Kysely<Database>, since: string): Promise<ChangedIds> {
  const ids = async (table: "sectors" | "contacts" | "border_gates" | "fairs") =>
    new Set((await db.selectFrom(table).select("id").where("updated_at", ">", since).execute()).map((r) => r.id));
  return {
    sectors: await ids("sectors"),
    contacts: await ids("contacts"),
    border_gates: await ids("border_gates"),
    fairs: await ids("fairs"),
  };
}
