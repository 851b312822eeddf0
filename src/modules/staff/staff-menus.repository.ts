import type { Kysely } from "kysely";
import type { Database, Role } from "../../platform/db/schema.js";

/** Chats that have the staff command menu, with the role it was made for. */
export async function listStaffMenus(db: Kysely<Database>): Promise<Array<{ chatId: number; role: Role }>> {
  const rows = await db.selectFrom("staff_menus").select(["chat_id", "role"]).execute();
  return rows.map((r) => ({ chatId: r.chat_id, role: r.role }));
}

export async function saveStaffMenu(db: Kysely<Database>, chatId: number, role: Role, now: Date): Promise<void> {
  const values = { role, set_at: now.toISOString() };
  await db
    .insertInto("staff_menus")
    .values({ chat_id: chatId, ...values })
    .onConflict((oc) => oc.column("chat_id").doUpdateSet(values))
    .execute();
}

export async function deleteStaffMenu(db: Kysely<Database>, chatId: number): Promise<void> {
  await db.deleteFrom("staff_menus").where("chat_id", "=", chatId).execute();
}
