import type { Api } from "grammy";
import { removeStaffCommands, setStaffCommands } from "../../bot/commands.js";
import type { BotDeps } from "../../bot/context.js";
import { findUser, isStaffRole, listStaff } from "../people/people.service.js";
import { deleteStaffMenu, listStaffMenus, saveStaffMenu } from "./staff-menus.repository.js";

type MenuDeps = Pick<BotDeps, "db" | "i18n" | "menus" | "config">;

/** Gives a user the menu their role calls for now (staff, admin, or the public one). */
export async function refreshStaffMenu(api: Api, deps: MenuDeps, userId: number, now: Date): Promise<void> {
  const user = await findUser(deps.db, userId);
  if (user && isStaffRole(user.role)) {
    await setStaffCommands(api, deps.i18n, deps.menus, deps.config.defaultLocale, userId, user.role === "admin");
    await saveStaffMenu(deps.db, userId, user.role, now);
  } else {
    await removeStaffCommands(api, userId);
    await deleteStaffMenu(deps.db, userId);
  }
}

/** Who is staff, in which role: when it changes, syncStaffMenus has menus to give or take back. */
export async function staffMenuState(db: MenuDeps["db"]): Promise<Array<[number, string]>> {
  return (await listStaff(db)).map((u) => [u.id, u.role]);
}

/**
 * At start-up: every staff member gets the staff menu (roles may have changed through ADMIN_IDS),
 * and chats that had it but are no longer staff lose it. Failures are logged, not fatal: a chat
 * that never opened the bot cannot be given a menu yet, and the next start tries again.
 */
export async function syncStaffMenus(
  api: Api,
  deps: MenuDeps,
  now: Date,
  onError: (chatId: number, error: unknown) => void,
): Promise<void> {
  const staff = await listStaff(deps.db);
  const staffIds = new Set(staff.map((u) => u.id));
  const stale = (await listStaffMenus(deps.db)).filter((m) => !staffIds.has(m.chatId)).map((m) => m.chatId);
  for (const chatId of [...staffIds, ...stale]) {
    await refreshStaffMenu(api, deps, chatId, now).catch((error: unknown) => onError(chatId, error));
  }
}
