import type { Kysely } from "kysely";
import type { Database } from "../schema.js";

export async function readConversation(db: Kysely<Database>, key: string): Promise<string | undefined> {
  return (await db.selectFrom("conversations").select("value").where("key", "=", key).executeTakeFirst())?.value;
}

export async function writeConversation(db: Kysely<Database>, key: string, value: string, now: Date): Promise<void> {
  const updated_at = now.toISOString();
  await db
    .insertInto("conversations")
    .values({ key, value, updated_at })
    .onConflict((oc) => oc.column("key").doUpdateSet({ value, updated_at }))
    .execute();
}

export async function deleteConversation(db: Kysely<Database>, key: string): Promise<void> {
  await db.deleteFrom("conversations").where("key", "=", key).execute();
}

/** Forgets conversations untouched since `before` (abandoned forms); returns how many. */
export async function deleteConversationsBefore(db: Kysely<Database>, before: Date): Promise<number> {
  const result = await db.deleteFrom("conversations").where("updated_at", "<", before.toISOString()).executeTakeFirst();
  return Number(result.numDeletedRows);
}
