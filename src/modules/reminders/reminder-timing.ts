import { DateTime } from "luxon";
import type { ReminderKind } from "../../platform/db/schema.js";

export const REMINDER_KINDS: readonly ReminderKind[] = ["deadline_7d", "deadline_1d", "starts_3d", "starts_1d", "new_fair"];

const DAY_MS = 86_400_000;
/** A new fair is news for a week after it is published; later, or once it starts, it is not announced. */
export const NEW_FAIR_DAYS = 7;

/** When a fair's reminders fall due. */
export interface FairTimes {
  /** The first day at the venue, YYYY-MM-DD. */
  startsOn: string;
  /** The instant registration closes, ISO-8601. */
  registrationDeadline: string;
  /** When the fair was first imported (published), ISO-8601. */
  publishedAt: string;
}

/** A kind of reminder due now, and the moment after which it would be stale and must not go out. */
export interface DueWindow {
  kind: ReminderKind;
  staleAt: Date;
}

/**
 * The reminders of a fair due at `now`. Each kind is due from its moment until the next kind's
 * moment takes over (a late "7 days" reminder is not sent beside the "1 day" one) or until it is
 * stale: deadline reminders while registration is open, start reminders until the first day.
 *
 * - deadline_7d: from 7 × 24 h before the deadline; deadline_1d: from 24 h before it.
 * - starts_3d: from midnight three days before the first day (in the offices' zone); starts_1d:
 *   from midnight the day before. Quiet hours then move these to the recipient's morning.
 * - new_fair: from publication, for NEW_FAIR_DAYS, while the fair has not started.
 */
export function dueWindows(fair: FairTimes, now: Date, officeZone: string): DueWindow[] {
  const t = now.getTime();
  const due: DueWindow[] = [];
  const deadline = Date.parse(fair.registrationDeadline);
  const firstDay = DateTime.fromISO(fair.startsOn, { zone: officeZone }).startOf("day");
  const start = firstDay.toMillis();
  const dayBefore = firstDay.minus({ days: 1 }).toMillis();
  const threeDaysBefore = firstDay.minus({ days: 3 }).toMillis();
  const published = Date.parse(fair.publishedAt);
  const within = (from: number, until: number) => from <= t && t < until;

  if (within(deadline - 7 * DAY_MS, deadline - DAY_MS)) due.push({ kind: "deadline_7d", staleAt: new Date(deadline) });
  if (within(deadline - DAY_MS, deadline)) due.push({ kind: "deadline_1d", staleAt: new Date(deadline) });
  if (within(threeDaysBefore, dayBefore)) due.push({ kind: "starts_3d", staleAt: new Date(start) });
  if (within(dayBefore, start)) due.push({ kind: "starts_1d", staleAt: new Date(start) });
  if (within(published, Math.min(start, published + NEW_FAIR_DAYS * DAY_MS)))
    due.push({ kind: "new_fair", staleAt: new Date(start) });
  return due;
}

/** The moment after which a reminder of this kind about this fair is stale: the deadline, or the first day. */
export function staleAt(
  fair: Pick<FairTimes, "startsOn" | "registrationDeadline">,
  kind: ReminderKind,
  officeZone: string,
): Date {
  if (kind === "deadline_7d" || kind === "deadline_1d") return new Date(fair.registrationDeadline);
  return DateTime.fromISO(fair.startsOn, { zone: officeZone }).startOf("day").toJSDate();
}

/** Deadline reminders go to those not yet registered for the fair; the others to every follower. */
export const forUnregisteredOnly = (kind: ReminderKind): boolean => kind === "deadline_7d" || kind === "deadline_1d";

/** Among reminders about the same moment, the nearer outranks the earlier, and any outranks news of the fair. */
const NEARNESS: Record<ReminderKind, number> = { new_fair: 0, deadline_7d: 1, starts_3d: 1, deadline_1d: 2, starts_1d: 2 };

/**
 * Of several reminders about one fair for one user, the one to send: the most urgent, that is the
 * one that goes stale first (the deadline before the first day), then the nearer (1 day before 7).
 */
export function mostUrgent<T extends { kind: ReminderKind }>(
  fair: Pick<FairTimes, "startsOn" | "registrationDeadline">,
  reminders: T[],
  officeZone: string,
): T {
  const urgency = (r: T) => [staleAt(fair, r.kind, officeZone).getTime(), -NEARNESS[r.kind]] as const;
  return reminders.reduce((best, r) => {
    const [a, b] = [urgency(r), urgency(best)];
    return a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]) ? r : best;
  });
}
