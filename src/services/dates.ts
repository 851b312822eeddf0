import { DateTime } from "luxon";
import type { Locale } from "../config.js";

export const VIETNAM_ZONE = "Asia/Ho_Chi_Minh";
export const BEIJING_ZONE = "Asia/Shanghai";

// English month names from en-US: en-GB abbreviates September as "Sept".
const DATE_FORMAT: Record<Locale, { format: string; locale: string }> = {
  vi: { format: "dd/MM/yyyy", locale: "vi" },
  zh: { format: "yyyy年M月d日", locale: "zh" },
  en: { format: "d MMM yyyy", locale: "en-US" },
};

const toDateTime = (value: string | DateTime, zone?: string): DateTime =>
  typeof value === "string" ? DateTime.fromISO(value, zone ? { zone } : { setZone: true }) : value;

/** A calendar date as the locale writes it: 30/11/2026, 2026年11月30日, 30 Nov 2026. */
export function formatDate(value: string | DateTime, locale: Locale): string {
  const { format, locale: luxonLocale } = DATE_FORMAT[locale];
  return toDateTime(value).setLocale(luxonLocale).toFormat(format);
}

/** A span of days; a one-day event prints one date. */
export function formatDateRange(start: string, end: string, locale: Locale): string {
  if (start === end) return formatDate(start, locale);
  return `${formatDate(start, locale)} – ${formatDate(end, locale)}`;
}

/** An instant's wall-clock date and time in a zone, e.g. "30/11/2026 23:59". */
export function formatDateTimeIn(instant: string, zone: string, locale: Locale): string {
  const at = DateTime.fromISO(instant, { zone });
  return `${formatDate(at, locale)} ${at.toFormat("HH:mm")}`;
}

/** The date (YYYY-MM-DD) it is now in a zone. */
export const todayIn = (now: Date, zone: string): string => DateTime.fromJSDate(now, { zone }).toISODate()!;

/**
 * Whole calendar days from today to the deadline's date, both in the office's zone: 0 on the last
 * day, null once the deadline instant has passed.
 */
export function daysUntilDeadline(deadline: string, now: Date, zone: string): number | null {
  const end = DateTime.fromISO(deadline, { zone });
  const current = DateTime.fromJSDate(now, { zone });
  if (end.toMillis() <= current.toMillis()) return null;
  return Math.round(end.startOf("day").diff(current.startOf("day"), "days").days);
}
