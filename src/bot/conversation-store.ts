import type { Kysely } from "kysely";
import { cachePerDatabase } from "../platform/db/read-cache.js";
import type { Database } from "../platform/db/schema.js";

/**
 * Every update reads its chat's conversation state, and most chats have none: kept in memory, a
 * question costs no query for it. Entries are small (no state, or one form in progress).
 */
const cacheOf = cachePerDatabase<string, string | undefined>(10_000);

export async function readConversation(db: Kysely<Database>, key: string): Promise<string | undefined> {
  return cacheOf(db).read(
    key,
    async () => (await db.selectFrom("conversations").select("value").where("key", "=", key).executeTakeFirst())?.value,
  );
}

export async function writeConversation(db: Kysely<Database>, key: string, value: string, now: Date): Promise<void> {
  const updated_at = now.toISOString();
  await cacheOf(db).change(key, () =>
    db
      .insertInto("conversations")
      .values({ key, value, updated_at })
      .onConflict((oc) => oc.column("key").doUpdateSet({ value, updated_at }))
      .execute(),
  );
}

export async function deleteConversation(db: Kysely<Database>, key: string): Promise<void> {
  await cacheOf(db).change(key, () => db.deleteFrom("conversations").where("key", "=", key).execute());
}

/** Forgets conversations untouched since `before` (abandoned forms); returns how many. */
export async function deleteConversationsBefore(db: Kysely<Database>, before: Date): Promise<number> {
  const result = await cacheOf(db).change(undefined, () =>
    db.deleteFrom("conversations").where("updated_at", "<", before.toISOString()).executeTakeFirst(),
  );
  return Number(result.numDeletedRows);
}
