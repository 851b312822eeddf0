import type { Api } from "grammy";
import type { Kysely } from "kysely";
import type { Locale } from "../../config.js";
import type { Database } from "../../platform/db/schema.js";
import { deleteStaffMenu, listStaffMenus, saveStaffMenu } from "./staff-menus.repository.js";
import { findUser, listStaff } from "../people/users.repository.js";
import { removeStaffCommands, setStaffCommands } from "../../bot/commands.js";
import type { I18n } from "../../platform/telegram/i18n.js";

interface MenuDeps {
  db: Kysely<Database>;
  i18n: I18n;
  defaultLocale: Locale;
}

/** Gives a user the menu their role calls for now (staff, admin, or the public one). */
export async function refreshStaffMenu(api: Api, deps: MenuDeps, userId: number, now: Date): Promise<void> {
  const user = await findUser(deps.db, userId);
  if (user?.role === "staff" || user?.role === "admin") {
    await setStaffCommands(api, deps.i18n, deps.defaultLocale, userId, user.role === "admin");
    await saveStaffMenu(deps.db, userId, user.role, now);
  } else {
    await removeStaffCommands(api, userId);
    await deleteStaffMenu(deps.db, userId);
  }
}

/**
 * At start-up: every staff member gets the staff menu (roles may have changed through ADMIN_IDS),
 * and chats that had it but are no longer staff lose it. Failures are logged, not fatal: a chat
 * that never opened the bot cannot be given a menu yet, and the next start tries again.
 */
export async function syncStaffMenus(api: Api, deps: MenuDeps, now: Date, onError: (chatId: number, error: unknown) => void): Promise<void> {
  const staff = await listStaff(deps.db);
  const staffIds = new Set(staff.map((u) => u.id));
  const stale = (await listStaffMenus(deps.db)).filter((m) => !staffIds.has(m.chatId)).map((m) => m.chatId);
  for (const chatId of [...staffIds, ...stale]) {
    await refreshStaffMenu(api, deps, chatId, now).catch((error: unknown) => onError(chatId, error));
  }
}
