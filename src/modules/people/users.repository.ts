import type { Kysely } from "kysely";
import { isBusyError } from "../../platform/db/connection.js";
import { cachePerDatabase } from "../../platform/db/read-cache.js";
import type { Database, UserRow } from "../../platform/db/schema.js";

export interface TelegramProfile {
  id: number;
  first_name?: string;
  username?: string;
  language_code?: string;
}

const TOUCH_EVERY_MS = 60_000;

/**
 * Every update reads its sender's row: kept in memory with the moment it was read. Every write to
 * `users` goes through `change` below, which drops the row; another process's commit empties the
 * cache (see ReadCache).
 */
const cacheOf = cachePerDatabase<number, { row: UserRow; readAt: number }>(10_000);

export async function findUser(db: Kysely<Database>, id: number): Promise<UserRow | undefined> {
  return db.selectFrom("users").selectAll().where("id", "=", id).executeTakeFirst();
}

/**
 * Records that a user was seen: inserts a first-timer, refreshes profile and last_seen of a known
 * user at most once a minute (a write per update would be wasted I/O), and returns the row.
 * `wrote` says the user sent a message in their private chat, which they cannot do while blocking
 * the bot: a user marked inactive by a 403 is active again.
 * A row read less than a minute ago (by `now`) is returned from memory, so a known user costs no
 * query per update; a change made on this connection outside this file (raw SQL) shows within a
 * minute — decisions about rights read the database (isStaff).
 */
export async function touchUser(db: Kysely<Database>, profile: TelegramProfile, now: Date, wrote = false): Promise<UserRow> {
  const at = now.getTime();
  const fresh = ({ row, readAt }: { row: UserRow; readAt: number }) =>
    at >= readAt && at - readAt < TOUCH_EVERY_MS && !(wrote && row.active === 0);
  const { row } = await cacheOf(db).read(
    profile.id,
    async () => ({ row: await readAndTouch(db, profile, now, wrote), readAt: at }),
    fresh,
  );
  return { ...row };
}

async function readAndTouch(db: Kysely<Database>, profile: TelegramProfile, now: Date, wrote: boolean): Promise<UserRow> {
  const existing = await findUser(db, profile.id);
  const nowIso = now.toISOString();
  const profileValues = {
    first_name: profile.first_name ?? null,
    username: profile.username ?? null,
    language_code: profile.language_code ?? null,
  };
  if (!existing) {
    try {
      return await db
        .insertInto("users")
        .values({ id: profile.id, ...profileValues, first_seen: nowIso, last_seen: nowIso })
        .onConflict((oc) => oc.column("id").doUpdateSet({ last_seen: nowIso }))
        .returningAll()
        .executeTakeFirstOrThrow();
    } catch (error) {
      // Another process holds the write lock: a newcomer is answered now and saved on a later update.
      if (!isBusyError(error)) throw error;
      const unsaved: UserRow = {
        id: profile.id,
        ...profileValues,
        language: null,
        role: "business",
        active: 1,
        first_seen: nowIso,
        last_seen: nowIso,
        timezone: null,
      };
      return unsaved;
    }
  }
  const reactivate = wrote && existing.active === 0;
  // A row made before the user ever wrote (ADMIN_IDS, /staff add) has no profile yet: fill it now.
  if (Date.parse(existing.last_seen) <= now.getTime() - TOUCH_EVERY_MS || existing.first_name === null || reactivate) {
    const active = reactivate ? 1 : existing.active;
    try {
      await db
        .updateTable("users")
        .set({ ...profileValues, last_seen: nowIso, active })
        .where("id", "=", profile.id)
        .execute();
    } catch (error) {
      // Another process holds the write lock: last_seen can wait for the next update, the answer cannot.
      if (!isBusyError(error)) throw error;
      return existing;
    }
    return { ...existing, ...profileValues, last_seen: nowIso, active };
  }
  return existing;
}

/** Every write to `users`: the cached row (all rows, without an id) is dropped before and after. */
const change = <T>(db: Kysely<Database>, id: number | undefined, write: () => Promise<T>) => cacheOf(db).change(id, write);

export async function setUserLanguage(db: Kysely<Database>, id: number, language: string): Promise<void> {
  await change(db, id, () => db.updateTable("users").set({ language }).where("id", "=", id).execute());
}

/** The zone of a user's quiet hours and calendar files; null goes back to the default for their language. */
export async function setUserTimezone(db: Kysely<Database>, id: number, zone: string | null): Promise<void> {
  await change(db, id, () => db.updateTable("users").set({ timezone: zone }).where("id", "=", id).execute());
}

/** A 403 from Telegram (blocked, account deleted) makes a user inactive; writing again, active. */
export async function setUserActive(db: Kysely<Database>, id: number, active: boolean): Promise<void> {
  await change(db, id, () =>
    db
      .updateTable("users")
      .set({ active: active ? 1 : 0 })
      .where("id", "=", id)
      .execute(),
  );
}

/** The role of a user now, read from the database (never from memory or a button). */
export async function roleOf(db: Kysely<Database>, id: number): Promise<UserRow["role"] | undefined> {
  return (await db.selectFrom("users").select("role").where("id", "=", id).executeTakeFirst())?.role;
}

/**
 * Makes ADMIN_IDS the admins: listed ids become admin (created if never seen), admins no longer
 * listed become staff, so removing an id from the configuration takes effect at the next start.
 */
export async function syncAdmins(db: Kysely<Database>, adminIds: number[], now: Date): Promise<void> {
  const nowIso = now.toISOString();
  await change(db, undefined, () =>
    db.transaction().execute(async (trx) => {
      let demote = trx.updateTable("users").set({ role: "staff" }).where("role", "=", "admin");
      if (adminIds.length > 0) demote = demote.where("id", "not in", adminIds);
      await demote.execute();
      for (const id of adminIds) {
        await trx
          .insertInto("users")
          .values({
            id,
            role: "admin",
            first_seen: nowIso,
            last_seen: nowIso,
            first_name: null,
            username: null,
            language_code: null,
            language: null,
          })
          .onConflict((oc) => oc.column("id").doUpdateSet({ role: "admin" }))
          .execute();
      }
    }),
  );
}

/** Chat ids of every active admin, for notifications when no staff chat is configured. */
export async function listAdminIds(db: Kysely<Database>): Promise<number[]> {
  const rows = await db.selectFrom("users").select("id").where("role", "=", "admin").where("active", "=", 1).execute();
  return rows.map((r) => r.id);
}

/** Staff and admins, admins first, by name. */
export async function listStaff(db: Kysely<Database>): Promise<UserRow[]> {
  return db
    .selectFrom("users")
    .selectAll()
    .where("role", "in", ["staff", "admin"])
    .orderBy((eb) => eb.case().when("role", "=", "admin").then(0).else(1).end())
    .orderBy("first_name")
    .orderBy("id")
    .execute();
}

/**
 * Makes a user staff or takes it back (business). Admins are left alone: they come from ADMIN_IDS.
 * A user who never wrote to the bot is created. Returns false when nothing changed.
 */
export async function setStaffRole(db: Kysely<Database>, id: number, staff: boolean, now: Date): Promise<boolean> {
  const nowIso = now.toISOString();
  const role = staff ? "staff" : "business";
  const current = await roleOf(db, id);
  if (current === "admin" || current === role) return false;
  if (!current && !staff) return false;
  await change(db, id, () =>
    db
      .insertInto("users")
      .values({
        id,
        role,
        first_seen: nowIso,
        last_seen: nowIso,
        first_name: null,
        username: null,
        language_code: null,
        language: null,
      })
      .onConflict((oc) => oc.column("id").doUpdateSet({ role }))
      .execute(),
  );
  return true;
}
