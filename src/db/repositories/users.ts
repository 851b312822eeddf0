import type { Kysely } from "kysely";
import type { Database, UserRow } from "../schema.js";

export interface TelegramProfile {
  id: number;
  first_name?: string;
  username?: string;
  language_code?: string;
}

export async function findUser(db: Kysely<Database>, id: number): Promise<UserRow | undefined> {
  return db.selectFrom("users").selectAll().where("id", "=", id).executeTakeFirst();
}

/**
 * Records that a user was seen: inserts a first-timer, refreshes profile and last_seen of a known
 * user at most once a minute (a write per update would be wasted I/O), and returns the row.
 */
export async function touchUser(db: Kysely<Database>, profile: TelegramProfile, now: Date): Promise<UserRow> {
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
  if (Date.parse(existing.last_seen) <= now.getTime() - 60_000) {
    await db
      .updateTable("users")
      .set({ ...profileValues, last_seen: nowIso })
      .where("id", "=", profile.id)
      .execute();
    return { ...existing, ...profileValues, last_seen: nowIso };
  }
  return existing;
}

export async function setUserLanguage(db: Kysely<Database>, id: number, language: string): Promise<void> {
  await db.updateTable("users").set({ language }).where("id", "=", id).execute();
}
