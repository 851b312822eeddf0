import type { Kysely } from "kysely";
import type { Database } from "../db/schema.js";

// Outbox rows found by the start of their dedupe key (e.g. every reminder, or one user's), on its index.

const CHUNK = 1000;

/** A queued row without its message, for checks that may cancel it. */
export interface QueuedRow {
  id: number;
  dedupe_key: string;
  chat_id: number;
  not_before: string;
}

/**
 * The dedupe keys starting with `prefix` as a range, which keeps a lookup on the key's index:
 * prefix ≤ key < `to` (the prefix with its last character bumped).
 */
export function keyRange(prefix: string): { from: string; to: string } {
  return { from: prefix, to: prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1) };
}

function queued(db: Kysely<Database>, prefix: string) {
  const { from, to } = keyRange(prefix);
  return db.selectFrom("outbox").where("dedupe_key", ">=", from).where("dedupe_key", "<", to).where("state", "=", "queued");
}

/** Outbox rows still queued whose dedupe key starts with `prefix` (without their messages). */
export async function listQueuedByPrefix(db: Kysely<Database>, prefix: string): Promise<QueuedRow[]> {
  return queued(db, prefix).select(["id", "dedupe_key", "chat_id", "not_before"]).execute();
}

/** The same, due by `dueBy`, with their messages, first due first: what to send now. */
export async function listDueByPrefix(
  db: Kysely<Database>,
  prefix: string,
  dueBy: string,
): Promise<Array<QueuedRow & { payload: string }>> {
  return queued(db, prefix)
    .select(["id", "dedupe_key", "chat_id", "not_before", "payload"])
    .where("not_before", "<=", dueBy)
    .orderBy("not_before")
    .orderBy("id")
    .execute();
}

/** Drops queued outbox rows (not one already in flight), saying why. */
export async function cancelQueuedRows(db: Kysely<Database>, ids: number[], reason: string, now: Date): Promise<number> {
  let cancelled = 0;
  for (let i = 0; i < ids.length; i += CHUNK) {
    const result = await db
      .updateTable("outbox")
      .set({ state: "cancelled", last_error: reason, updated_at: now.toISOString() })
      .where("id", "in", ids.slice(i, i + CHUNK))
      .where("state", "=", "queued")
      .executeTakeFirst();
    cancelled += Number(result.numUpdatedRows);
  }
  return cancelled;
}
