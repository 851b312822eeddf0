import type { Kysely } from "kysely";
import type { Catalog } from "../../domain/catalog.js";
import { todayIn } from "../../domain/dates.js";
import { type Locale, resolveLocale } from "../../domain/locale.js";
import { userZone } from "../../domain/zones.js";
import type { Database, ReminderKind } from "../../platform/db/schema.js";
import { immediateTransaction } from "../../platform/db/transaction.js";
import { cancelQueuedRows, listQueuedByPrefix } from "../../platform/outbox/by-key.repository.js";
import { withdrawQueuedReminders } from "./queued-reminders.repository.js";
import { quietHoursAt } from "./quiet-hours.js";
import { dueWindows, forUnregisteredOnly, REMINDER_KINDS, staleAt } from "./reminder-timing.js";
import { fairDates, findRecipients, insertDeliveries, listReminderFairs, registeredPairs } from "./reminders.repository.js";
import { listSubscriptions } from "./subscriptions.repository.js";
import { subscriptionsCovering } from "./subscriptions.service.js";

/** One reminder for one user, with when it may be sent (after their quiet hours). */
export interface ChosenReminder {
  userId: number;
  fairId: string;
  kind: ReminderKind;
  locale: Locale;
  notBefore: Date;
}

export interface ReminderSettings {
  /** The offices' zone: days and "midnight before the first day" are counted in it. */
  officeZone: string;
  defaultLocale: Locale;
}

/**
 * Every (user, fair, kind) due at `now` and not yet delivered: a few set-based queries, one per
 * fair and kind due (a handful), whatever the number of users. A reminder that quiet hours would
 * push past its stale moment (the deadline, the first day) is left out.
 */
export async function chooseDueReminders(db: Kysely<Database>, now: Date, settings: ReminderSettings): Promise<ChosenReminder[]> {
  const { officeZone, defaultLocale } = settings;
  const fairs = await listReminderFairs(db, todayIn(now, officeZone), now);
  const quietEnd = quietHoursAt(now);
  const chosen: ChosenReminder[] = [];
  for (const fair of fairs) {
    for (const { kind, staleAt } of dueWindows(fair, now, officeZone)) {
      const recipients = await findRecipients(db, {
        fair,
        kind,
        unregisteredOnly: forUnregisteredOnly(kind),
        subscribedBefore: kind === "new_fair" ? fair.publishedAt : undefined,
      });
      for (const recipient of recipients) {
        const locale = resolveLocale(recipient, defaultLocale);
        const notBefore = quietEnd(userZone(recipient.timezone, locale, officeZone));
        if (notBefore >= staleAt) continue;
        chosen.push({ userId: recipient.id, fairId: fair.id, kind, locale, notBefore });
      }
    }
  }
  return chosen;
}

/** Queues the messages of chosen reminders, inside the transaction that records them. */
export type ReminderSink = (trx: Kysely<Database>, chosen: ChosenReminder[]) => Promise<void>;

class DryRun extends Error {
  constructor(readonly chosen: ChosenReminder[]) {
    super("dry run");
  }
}

/**
 * Chooses what is due, records each (user, fair, kind) and hands the batch to `sink` to queue, all
 * in one BEGIN IMMEDIATE transaction: two ticks at once (two processes even) take turns, the second
 * finds everything recorded; a crash before the commit leaves nothing recorded and nothing queued,
 * so the next tick chooses the same again. A dry run does all of it and rolls back.
 */
export async function takeDueReminders(
  db: Kysely<Database>,
  now: Date,
  settings: ReminderSettings,
  sink: ReminderSink,
  options: { dryRun?: boolean } = {},
): Promise<ChosenReminder[]> {
  try {
    return await immediateTransaction(db, async (trx) => {
      const chosen = await chooseDueReminders(trx, now, settings);
      await insertDeliveries(trx, chosen, now);
      await sink(trx, chosen);
      if (options.dryRun) throw new DryRun(chosen);
      return chosen;
    });
  } catch (error) {
    if (error instanceof DryRun) return error.chosen;
    throw error;
  }
}

/** Outbox dedupe keys of reminders start with this. */
export const REMINDER_KEY_PREFIX = "reminder:";

/** The outbox dedupe key of a reminder: the same (user, fair, kind) is queued once. */
export const reminderKey = (r: Pick<ChosenReminder, "userId" | "fairId" | "kind">): string =>
  `${REMINDER_KEY_PREFIX}${r.userId}:${r.fairId}:${r.kind}`;

export function parseReminderKey(key: string): Pick<ChosenReminder, "userId" | "fairId" | "kind"> | undefined {
  const [prefix, user, fairId, kind] = key.split(":");
  if (`${prefix}:` !== REMINDER_KEY_PREFIX || !fairId || !REMINDER_KINDS.includes(kind as ReminderKind)) return undefined;
  return { userId: Number(user), fairId, kind: kind as ReminderKind };
}

/**
 * Cancels queued reminders that went stale before they could be sent (the bot was down, or quiet
 * hours held them): a deadline passed, a fair started, the fair is gone, or the user registered
 * since a "deadline near" reminder was queued. Run before the outbox starts and at every tick.
 */
export async function cancelStaleReminders(db: Kysely<Database>, now: Date, officeZone: string): Promise<number> {
  const queued = await listQueuedByPrefix(db, REMINDER_KEY_PREFIX);
  if (queued.length === 0) return 0;
  const keyed = queued.map((row) => ({ row, key: parseReminderKey(row.dedupe_key) }));
  const fairIds = [...new Set(keyed.flatMap(({ key }) => (key ? [key.fairId] : [])))];
  const [fairs, registered] = await Promise.all([fairDates(db, fairIds), registeredPairs(db, fairIds)]);
  const stale = keyed.filter(({ row, key }) => {
    const fair = key && fairs.get(key.fairId);
    if (!key || !fair) return true;
    const sendAt = Math.max(now.getTime(), Date.parse(row.not_before));
    if (staleAt(fair, key.kind, officeZone).getTime() <= sendAt) return true;
    return forUnregisteredOnly(key.kind) && registered.has(`${key.userId}:${key.fairId}`);
  });
  return cancelQueuedRows(
    db,
    stale.map(({ row }) => row.id),
    "stale reminder",
    now,
  );
}

/**
 * After a user stops following something: takes back their queued reminders (held by quiet hours,
 * or waiting their turn) about fairs they no longer follow by any topic, so an unsubscribe in the
 * evening is not answered by a reminder in the morning — and following again before it is due
 * brings it back at the next tick. A fair not in the catalog (yet: an import of this very second)
 * keeps its reminders; the stale check deals with fairs that are gone.
 */
export async function withdrawUnfollowedReminders(db: Kysely<Database>, catalog: Catalog, userId: number): Promise<number> {
  const queued = await listQueuedByPrefix(db, `${REMINDER_KEY_PREFIX}${userId}:`);
  if (queued.length === 0) return 0;
  const subscriptions = await listSubscriptions(db, userId);
  const unfollowed = queued.flatMap((row) => {
    const key = parseReminderKey(row.dedupe_key);
    const fair = key && catalog.fairs.get(key.fairId);
    return key && fair && subscriptionsCovering(subscriptions, fair).length === 0 ? [{ id: row.id, ...key }] : [];
  });
  return withdrawQueuedReminders(db, unfollowed);
}
