import type { Kysely } from "kysely";
import type { Database } from "../../platform/db/schema.js";
import { cancelQueuedRows, listQueuedByPrefix } from "../../platform/outbox/by-key.repository.js";
import { mostUrgent } from "./reminder-timing.js";
import { fairDates } from "./reminders.repository.js";
import { type ChosenReminder, parseReminderKey, REMINDER_KEY_PREFIX } from "./reminders.service.js";

/**
 * One reminder per user and fair at a time: of the reminders just chosen and those still waiting
 * in the outbox (held by quiet hours) about the same fair for the same user, only the most urgent
 * goes. Waiting ones it outranks are cancelled; chosen ones it outranks are left out (they stay
 * recorded, so they are not chosen again). Returns the chosen reminders to queue. Run in the
 * transaction that records the chosen ones.
 */
export async function keepMostUrgent(
  db: Kysely<Database>,
  chosen: ChosenReminder[],
  officeZone: string,
  now: Date,
): Promise<{ toQueue: ChosenReminder[]; cancelled: number }> {
  if (chosen.length === 0) return { toQueue: chosen, cancelled: 0 };
  const pair = (r: { userId: number; fairId: string }) => `${r.userId}:${r.fairId}`;
  const chosenPairs = new Set(chosen.map(pair));
  const waiting = (await listQueuedByPrefix(db, REMINDER_KEY_PREFIX)).flatMap((row) => {
    const key = parseReminderKey(row.dedupe_key);
    return key && chosenPairs.has(pair(key)) ? [{ ...key, rowId: row.id as number | undefined }] : [];
  });
  if (waiting.length === 0 && chosenPairs.size === chosen.length) return { toQueue: chosen, cancelled: 0 };

  const fairs = await fairDates(db, [...new Set(chosen.map((c) => c.fairId))]);
  const byPair = new Map<string, Array<{ kind: ChosenReminder["kind"]; rowId?: number; chosen?: ChosenReminder }>>();
  for (const c of chosen) byPair.set(pair(c), [...(byPair.get(pair(c)) ?? []), { kind: c.kind, chosen: c }]);
  for (const w of waiting) byPair.get(pair(w))!.push({ kind: w.kind, rowId: w.rowId });

  const toQueue: ChosenReminder[] = [];
  const outranked: number[] = [];
  for (const candidates of byPair.values()) {
    const first = candidates[0]!.chosen!;
    const fair = fairs.get(first.fairId);
    const keep = candidates.length === 1 || !fair ? undefined : mostUrgent(fair, candidates, officeZone);
    for (const c of candidates) {
      if (keep !== undefined && c !== keep) {
        if (c.rowId !== undefined) outranked.push(c.rowId);
      } else if (c.chosen) toQueue.push(c.chosen);
    }
  }
  const cancelled = await cancelQueuedRows(db, outranked, "superseded by a more urgent reminder", now);
  return { toQueue, cancelled };
}
