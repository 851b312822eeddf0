import type { Kysely } from "kysely";
import type { Database, ReminderKind } from "../../platform/db/schema.js";

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
      await trx
        .deleteFrom("reminder_deliveries")
        .where("user_id", "=", r.userId)
        .where("fair_id", "=", r.fairId)
        .where("kind", "=", r.kind)
        .execute();
      withdrawn++;
    }
    return withdrawn;
  });
}
