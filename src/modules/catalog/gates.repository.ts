import type { Kysely, Selectable } from "kysely";
import type { BorderGate } from "../../domain/catalog.js";
import { parseI18n, parseList, toJson } from "../../platform/db/json.js";
import type { BorderGatesTable, Database } from "../../platform/db/schema.js";

const toGate = (row: Selectable<BorderGatesTable>): BorderGate => ({
  id: row.id,
  name: parseI18n(row.name),
  counterpart: parseI18n(row.counterpart),
  province: row.province,
  type: row.type,
  modes: parseList(row.modes),
  hours: row.hours,
  phone: row.phone,
  email: row.email,
  contactId: row.contact_id,
  aliases: parseList(row.aliases),
});

export async function listGates(db: Kysely<Database>): Promise<BorderGate[]> {
  const rows = await db.selectFrom("border_gates").selectAll().orderBy("province").orderBy("id").execute();
  return rows.map(toGate);
}

export async function upsertGate(db: Kysely<Database>, gate: BorderGate, now: string): Promise<void> {
  const values = {
    name: toJson(gate.name),
    counterpart: toJson(gate.counterpart),
    province: gate.province,
    type: gate.type,
    modes: toJson(gate.modes),
    hours: gate.hours,
    phone: gate.phone,
    email: gate.email,
    contact_id: gate.contactId,
    aliases: toJson(gate.aliases),
    updated_at: now,
  };
  await db
    .insertInto("border_gates")
    .values({ id: gate.id, ...values })
    .onConflict((oc) => oc.column("id").doUpdateSet(values))
    .execute();
}
