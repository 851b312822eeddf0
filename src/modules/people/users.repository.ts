import type { Kysely } from "kysely";
import type { Database, UserRow } from "../../platform/db/schema.js";

export interface TelegramProfile {
  id: number;
  first_name?: string;
  username?: string;
  language_code?: string;
}

export async function findUser(db: Kysely<Database>, id: number): Promise<UserRow | undefined> {
  return db.selectFrom("users").selectAll().where("id", "=", id).executeTakeFirst();
}

const TOUCH_EVERY_MS = 60_000;
const MAX_CACHED_USERS = 10_000;

interface UserCache {
  rows: Map<number, { row: UserRow; readAt: number }>;
  /** Bumped by every write below; a read that overlapped a write is not cached. */
  writes: number;
}

// Per database handle, so test databases (and a future second connection) never share rows.
const caches = new WeakMap<Kysely<Database>, UserCache>();

function cacheOf(db: Kysely<Database>): UserCache {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = { rows: new Map(), writes: 0 }));
  return cache;
}

function forget(db: Kysely<Database>, id?: number): void {
  const cache = cacheOf(db);
  cache.writes++;
  if (id === undefined) cache.rows.clear();
  else cache.rows.delete(id);
}

/**
 * Records that a user was seen: inserts a first-timer, refreshes profile and last_seen of a known
 * user at most once a minute (a write per update would be wasted I/O), and returns the row.
 * `wrote` says the user sent a message in their private chat, which they cannot do while blocking
 * the bot: a user marked inactive by a 403 is active again.
 * A row read less than a minute ago (by `now`) is returned from memory, so a known user costs no
 * query per update. The writes in this file drop the cached row; a change made elsewhere (another
 * process, raw SQL) shows within a minute — decisions about rights read the database (isStaff).
 */
export async function touchUser(db: Kysely<Database>, profile: TelegramProfile, now: Date, wrote = false): Promise<UserRow> {
  const cache = cacheOf(db);
  const at = now.getTime();
  const cached = cache.rows.get(profile.id);
  const fresh = cached && at >= cached.readAt && at - cached.readAt < TOUCH_EVERY_MS;
  if (cached && fresh && !(wrote && cached.row.active === 0)) return { ...cached.row };
  const writes = cache.writes;
  const row = await readAndTouch(db, profile, now, wrote);
  if (cache.writes === writes) {
    cache.rows.delete(profile.id); // re-inserted last: the oldest entry is the one evicted
    cache.rows.set(profile.id, { row, readAt: at });
    if (cache.rows.size > MAX_CACHED_USERS) cache.rows.delete(cache.rows.keys().next().value!);
  }
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
    return db
      .insertInto("users")
      .values({ id: profile.id, ...profileValues, first_seen: nowIso, last_seen: nowIso })
      .onConflict((oc) => oc.column("id").doUpdateSet({ last_seen: nowIso }))
      .returningAll()
      .executeTakeFirstOrThrow();
  }
  const reactivate = wrote && existing.active === 0;
  // A row made before the user ever wrote (ADMIN_IDS, /staff add) has no profile yet: fill it now.
  if (Date.parse(existing.last_seen) <= now.getTime() - TOUCH_EVERY_MS || existing.first_name === null || reactivate) {
    const active = reactivate ? 1 : existing.active;
    await db
      .updateTable("users")
      .set({ ...profileValues, last_seen: nowIso, active })
      .where("id", "=", profile.id)
      .execute();
    return { ...existing, ...profileValues, last_seen: nowIso, active };
  }
  return existing;
}

export async function setUserLanguage(db: Kysely<Database>, id: number, language: string): Promise<void> {
  await db.updateTable("users").set({ language }).where("id", "=", id).execute();
  forget(db, id);
}

/** Whether the user is staff or admin right now (read from the database, never from a button). */
export async function isStaff(db: Kysely<Database>, id: number): Promise<boolean> {
  const row = await db.selectFrom("users").select("role").where("id", "=", id).executeTakeFirst();
  return row?.role === "staff" || row?.role === "admin";
}

/**
 * Makes ADMIN_IDS the admins: listed ids become admin (created if never seen), admins no longer
 * listed become staff, so removing an id from the configuration takes effect at the next start.
 */
export async function syncAdmins(db: Kysely<Database>, adminIds: number[], now: Date): Promise<void> {
  const nowIso = now.toISOString();
  await db.transaction().execute(async (trx) => {
    let demote = trx.updateTable("users").set({ role: "staff" }).where("role", "=", "admin");
    if (adminIds.length > 0) demote = demote.where("id", "not in", adminIds);
    await demote.execute();
    for (const id of adminIds) {
      await trx
        .insertInto("users")
        .values({ id, role: "admin", first_seen: nowIso, last_seen: nowIso, first_name: null, username: null, language_code: null, language: null })
        .onConflict((oc) => oc.column("id").doUpdateSet({ role: "admin" }))
        .execute();
    }
  });
  forget(db);
}

/** Chat ids of every admin, for notifications when no staff chat is configured. */
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
  const current = await db.selectFrom("users").select("role").where("id", "=", id).executeTakeFirst();
  if (current?.role === "admin" || current?.role === role) return false;
  if (!current && !staff) return false;
  await db
    .insertInto("users")
    .values({ id, role, first_seen: nowIso, last_seen: nowIso, first_name: null, username: null, language_code: null, language: null })
    .onConflict((oc) => oc.column("id").doUpdateSet({ role }))
    .execute();
  forget(db, id);
  return true;
}

/** A 403 from Telegram (blocked, account deleted) makes a user inactive; writing again, active. */
export async function setUserActive(db: Kysely<Database>, id: number, active: boolean): Promise<void> {
  await db.updateTable("users").set({ active: active ? 1 : 0 }).where("id", "=", id).execute();
  forget(db, id);
}
