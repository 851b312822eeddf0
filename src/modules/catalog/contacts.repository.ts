import type { Kysely, Selectable } from "kysely";
import type { Contact } from "../../domain/catalog.js";
import { parseI18n, parseList, toJson } from "../../platform/db/json.js";
import type { ContactsTable, Database } from "../../platform/db/schema.js";

const toContact = (row: Selectable<ContactsTable>): Contact => ({
  id: row.id,
  name: parseI18n(row.name),
  province: row.province,
  topics: parseList(row.topics),
  phone: row.phone,
  email: row.email,
  address: parseI18n(row.address),
});

export async function listContacts(db: Kysely<Database>): Promise<Contact[]> {
  const rows = await db.selectFrom("contacts").selectAll().orderBy("province").orderBy("id").execute();
  return rows.map(toContact);
}

export async function upsertContact(db: Kysely<Database>, contact: Contact, now: string): Promise<void> {
  const values = {
    name: toJson(contact.name),
    province: contact.province,
    topics: toJson(contact.topics),
    phone: contact.phone,
    email: contact.email,
    address: contact.address ? toJson(contact.address) : null,
    updated_at: now,
  };
  await db
    .insertInto("contacts")
    .values({ id: contact.id, ...values })
    .onConflict((oc) => oc.column("id").doUpdateSet(values))
    .execute();
}

export async function existingContactIds(db: Kysely<Database>): Promise<Set<string>> {
  const rows = await db.selectFrom("contacts").select("id").execute();
  return new Set(rows.map((r) => r.id));
}
