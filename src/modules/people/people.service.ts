import type { Kysely } from "kysely";
import { type Locale, resolveLocale } from "../../domain/locale.js";
import type { Database, Role } from "../../platform/db/schema.js";
import * as users from "./users.repository.js";

// What other modules may know and change of people: the `users` table belongs to this module, and
// every write to it goes through its repository, which keeps the one cache of user rows.

export type { TelegramProfile } from "./users.repository.js";

export const findUser = users.findUser;
export const touchUser = users.touchUser;
export const setUserLanguage = users.setUserLanguage;
export const setUserTimezone = users.setUserTimezone;
export const setUserActive = users.setUserActive;
export const syncAdmins = users.syncAdmins;
export const listStaff = users.listStaff;
export const listAdminIds = users.listAdminIds;
export const setStaffRole = users.setStaffRole;

/** The language the bot speaks with a user it may not have heard from in this update. */
export async function userLocale(db: Kysely<Database>, userId: number, fallback: Locale): Promise<Locale> {
  return resolveLocale(await users.findUser(db, userId), fallback);
}

const STAFF_ROLES: readonly Role[] = ["staff", "admin"];

/** Whether a role may use the staff commands. */
export const isStaffRole = (role: Role | undefined): boolean => role !== undefined && STAFF_ROLES.includes(role);

/** Whether the user is staff or admin right now (read from the database, never from a button or memory). */
export async function isStaff(db: Kysely<Database>, userId: number): Promise<boolean> {
  return isStaffRole(await users.roleOf(db, userId));
}

/** Whether the user is an admin right now. */
export async function isAdmin(db: Kysely<Database>, userId: number): Promise<boolean> {
  return (await users.roleOf(db, userId)) === "admin";
}
