import { DateTime } from "luxon";

/** Nothing is sent from 21:00 until 07:30 in the recipient's zone. */
export const QUIET_FROM = { hour: 21, minute: 0 };
export const QUIET_UNTIL = { hour: 7, minute: 30 };

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
