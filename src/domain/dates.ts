import { DateTime } from "luxon";
import type { Locale } from "./locale.js";
import { memoize } from "./memoize.js";

export const VIETNAM_ZONE = "Asia/Ho_Chi_Minh";
export const BEIJING_ZONE = "Asia/Shanghai";

// English month names from en-US: en-GB abbreviates September as "Sept".
const DATE_FORMAT: Record<Locale, { format: string; locale: string }> = {
  vi: { format: "dd/MM/yyyy", locale: "vi" },
  zh: { format: "yyyy年M月d日", locale: "zh" },
  en: { format: "d MMM yyyy", locale: "en-US" },
};

// Zone arithmetic in luxon is slow for how often a fair card needs it (a dozen times); the inputs (a
// catalog's dates) are few, so the results are remembered.

/** A calendar date (YYYY-MM-DD) as the locale writes it: 30/11/2026, 2026年11月30日, 30 Nov 2026. */
export const formatDate = memoize((isoDate: string, locale: Locale) => {
  const { format, locale: luxonLocale } = DATE_FORMAT[locale];
  return DateTime.fromISO(isoDate).setLocale(luxonLocale).toFormat(format);
});

/** The wall-clock date and time of an instant in a zone, as YYYY-MM-DD and HH:mm. */
const localParts = memoize((instant: string, zone: string) => DateTime.fromISO(instant, { zone }).toFormat("yyyy-MM-dd HH:mm"));

/** A span of days; a one-day event prints one date. */
export function formatDateRange(start: string, end: string, locale: Locale): string {
  if (start === end) return formatDate(start, locale);
  return `${formatDate(start, locale)} – ${formatDate(end, locale)}`;
}

/** An instant's wall-clock date and time in a zone, e.g. "30/11/2026 23:59". */
export function formatDateTimeIn(instant: string, zone: string, locale: Locale): string {
  const [date, time] = localParts(instant, zone).split(" ");
  return `${formatDate(date!, locale)} ${time}`;
}

/** The date (YYYY-MM-DD) it is now in a zone. Offsets are whole minutes, so the minute decides. */
export function todayIn(now: Date, zone: string): string {
  const minute = new Date(Math.floor(now.getTime() / 60_000) * 60_000).toISOString();
  return localParts(minute, zone).slice(0, 10);
}

const dayNumber = (isoDate: string): number => Date.parse(`${isoDate}T00:00:00Z`) / 86_400_000;

/**
 * Whole calendar days from today to the deadline's date, both in the office's zone: 0 on the last
 * day, null once the deadline instant has passed.
 */
export function daysUntilDeadline(deadline: string, now: Date, zone: string): number | null {
  if (Date.parse(deadline) <= now.getTime()) return null;
  return dayNumber(localParts(deadline, zone).slice(0, 10)) - dayNumber(todayIn(now, zone));
}

const MONTH_FORMAT: Record<Locale, string> = { vi: "'tháng' M/yyyy", zh: "yyyy'年'M'月'", en: "LLLL yyyy" };

/** A month (YYYY-MM) as the locale names it: tháng 3/2027, 2027年3月, March 2027. */
export const formatMonth = (month: string, locale: Locale): string =>
  DateTime.fromISO(`${month}-01`).setLocale("en").toFormat(MONTH_FORMAT[locale]);
