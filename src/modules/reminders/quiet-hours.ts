import { DateTime } from "luxon";
import type { Locale } from "../../config.js";
import { BEIJING_ZONE, VIETNAM_ZONE } from "../../domain/dates.js";

/** Nothing is sent from 21:00 until 07:30 in the recipient's zone. */
export const QUIET_FROM = { hour: 21, minute: 0 };
export const QUIET_UNTIL = { hour: 7, minute: 30 };

/** The zones a user can choose for their quiet hours, by the short code buttons carry. */
export const ZONE_CHOICES = { vn: VIETNAM_ZONE, cn: BEIJING_ZONE } as const;
export type ZoneChoice = keyof typeof ZONE_CHOICES;

/** A user's zone (for quiet hours and calendar files): their choice, else Beijing time for Chinese readers, else the offices' zone. */
export function userZone(chosen: string | null | undefined, locale: Locale, officeZone: string): string {
  if (chosen) return chosen;
  return locale === "zh" ? BEIJING_ZONE : officeZone;
}

/** The earliest moment from `now` on that is outside quiet hours in `zone`: `now` itself, or the next 07:30. */
export function quietHoursEnd(now: Date, zone: string): Date {
  const local = DateTime.fromJSDate(now, { zone });
  const minutes = local.hour * 60 + local.minute;
  const until = QUIET_UNTIL.hour * 60 + QUIET_UNTIL.minute;
  if (minutes >= until && minutes < QUIET_FROM.hour * 60 + QUIET_FROM.minute) return now;
  const morning = (minutes >= until ? local.plus({ days: 1 }) : local).set({ ...QUIET_UNTIL, second: 0, millisecond: 0 });
  return morning.toJSDate();
}

/** quietHoursEnd for one moment, computed once per zone: a tick asks it for thousands of users in two or three zones. */
export function quietHoursAt(now: Date): (zone: string) => Date {
  const cache = new Map<string, Date>();
  return (zone) => {
    let end = cache.get(zone);
    if (!end) cache.set(zone, (end = quietHoursEnd(now, zone)));
    return end;
  };
}
