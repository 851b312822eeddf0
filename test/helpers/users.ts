import type { Kysely } from "kysely";
import type { Database } from "../../src/platform/db/schema.js";

const LANGUAGE_CODES = ["vi", "zh-hans", "en"];

/** Inserts `count` users with consecutive ids from `firstId`, their Telegram languages cycling vi, zh, en. */
export async function seedUsers(
  db: Kysely<Database>,
  firstId: number,
  count: number,
  at = "2026-11-01T00:00:00.000Z",
): Promise<number[]> {
  const ids = Array.from({ length: count }, (_, i) => firstId + i);
  for (let i = 0; i < ids.length; i += 500) {
    await db
      .insertInto("users")
      .values(
        ids.slice(i, i + 500).map((id, j) => ({
          id,
          first_name: `User ${id}`,
          username: null,
          language_code: LANGUAGE_CODES[(i + j) % LANGUAGE_CODES.length]!,
          language: null,
          first_seen: at,
          last_seen: at,
        })),
      )
      .execute();
  }
  return ids;
}

/** An administrator's row, as start-up makes it from ADMIN_IDS: a broadcast's author must exist. */
export async function insertAdmin(db: Kysely<Database>, id: number, at = "2026-11-23T02:00:00.000Z"): Promise<void> {
  await db
    .insertInto("users")
    .values({
      id,
      role: "admin",
      first_name: null,
      username: null,
      language_code: "vi",
      language: null,
      first_seen: at,
      last_seen: at,
    })
    .execute();
}
