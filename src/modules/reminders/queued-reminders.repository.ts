import type { Kysely } from "kysely";
import type { Database, ReminderKind } from "../../platform/db/schema.js";

// Reminders' rows in the outbox, found by their dedupe key; the outbox itself is repositories/outbox.ts.

const CHUNK = 1000;

/** A reminder's row in the outbox, for the stale check and the operators' command. */
export interface QueuedReminder {
  id: number;
  dedupe_key: string;
  chat_id: number;
  not_before: string;
}

function queued(db: Kysely<Database>, prefix: string) {
  // The key range keeps this on the dedupe key's index: prefix ≤ key < prefix with its last character bumped.
  const end = prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
  return db.selectFrom("outbox").where("dedupe_key", ">=", prefix).where("dedupe_key", "<", end).where("state", "=", "queued");
}

/** Outbox rows still queued whose dedupe key starts with `prefix` (without their messages). */
export async function listQueuedByPrefix(db: Kysely<Database>, prefix: string): Promise<QueuedReminder[]> {
  return queued(db, prefix).select(["id", "dedupe_key", "chat_id", "not_before"]).execute();
}

/** The same, due by `dueBy`, with their messages, first due first: what to send now. */
export async function listDueByPrefix(db: Kysely<Database>, prefix: string, dueBy: string): Promise<Array<QueuedReminder & { payload: string }>> {
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

/**
 * Takes queued reminders back as if they had never been chosen: the outbox row (unless already in
 * flight) and its delivery record go together, so that if the user follows the fair again, the next
 * tick chooses the reminder again while it is still due. Returns how many were taken back.
 */
export async function withdrawQueuedReminders(
  db: Kysely<Database>,
  reminders: Array<{ id: number; userId: number; fairId: string; kind: ReminderKind }>,
): Promise<number> {
  if (reminders.length === 0) return 0;
  return db.transaction().execute(async (trx) => {
    let withdrawn = 0;
    for (const r of reminders) {
      const deleted = await trx.deleteFrom("outbox").where("id", "=", r.id).where("state", "=", "queued").executeTakeFirst();
      if (Number(deleted.numDeletedRows) === 0) continue;
      await trx.deleteFrom("reminder_deliveries").where("user_id", "=", r.userId).where("fair_id", "=", r.fairId).where("kind", "=", r.kind).execute();
      withdrawn++;
    }
    return withdrawn;
  });
}
