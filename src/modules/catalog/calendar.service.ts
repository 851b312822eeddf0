import ical, { ICalAlarmType, type ICalCalendar } from "ical-generator";
import { DateTime } from "luxon";
import type { Fair } from "../../domain/catalog.js";
import { deadlineTimes } from "../../domain/deadline.js";
import type { Locale } from "../../domain/locale.js";
import { Html, type Translate } from "../../domain/translate.js";

/** The translated texts of a fair's calendar events, plain text (not HTML). */
export interface CalendarTexts {
  fairSummary: string;
  fairDescription: string;
  location: string;
  deadlineSummary: string;
  deadlineAlarm: string;
  language: string;
}

const UID_DOMAIN = "border-trade-bot";

/** A fair's calendar texts in `locale`; plain text, so values are not HTML-escaped. */
export function calendarTexts(t: Translate, locale: Locale, fair: Fair): CalendarTexts {
  const plain = (value: string) => new Html(value);
  const times = deadlineTimes(fair.registrationDeadline, locale);
  const place = { venue: plain(fair.venue[locale]), city: plain(fair.city[locale]) };
  return {
    fairSummary: fair.name[locale],
    fairDescription: t("calendar.fair_description", {
      organizer: plain(fair.organizer[locale]),
      ...place,
      vn: plain(times.vn),
      cn: plain(times.cn),
    }),
    location: t("calendar.location", place),
    deadlineSummary: t("calendar.deadline_summary", { fair: plain(fair.name[locale]) }),
    deadlineAlarm: t("calendar.deadline_alarm", { fair: plain(fair.name[locale]) }),
    language: locale,
  };
}

/** Whether a zone keeps one offset all year (Vietnam and China do), so one STANDARD block describes it. */
function fixedOffset(zone: string, year: number): string | null {
  const offset = (month: number) => DateTime.fromObject({ year, month, day: 1 }, { zone }).toFormat("ZZZ");
  return offset(1) === offset(7) ? offset(1) : null;
}

/** The VTIMEZONE of a fixed-offset zone; calendar apps need it to read TZID times. */
function vtimezone(zone: string, offset: string): string {
  return [
    "BEGIN:VTIMEZONE",
    `TZID:${zone}`,
    "BEGIN:STANDARD",
    "DTSTART:19700101T000000",
    `TZOFFSETFROM:${offset}`,
    `TZOFFSETTO:${offset}`,
    "END:STANDARD",
    "END:VTIMEZONE",
  ].join("\r\n");
}

/**
 * A calendar of fairs, two events each: the fair, as whole days from the first to the last (the
 * end is the day after, as iCalendar counts), and its registration deadline at its exact instant,
 * written in `zone` (the reader's) with a reminder a day before. A zone with summer time is
 * written in UTC. UIDs are the fair's id, so a subscribed calendar updates an event in place;
 * SEQUENCE is the fair's revision and DTSTAMP when it was last revised (`now` for a fair not yet
 * stored), so the same catalog always gives the same file.
 */
export function fairsCalendar(
  entries: ReadonlyArray<{ fair: Fair; texts: CalendarTexts }>,
  options: { zone: string; now: Date; name: string; language: string; url?: string; eventUrl?: (fair: Fair) => string },
): string {
  const offset = fixedOffset(options.zone, DateTime.fromJSDate(options.now).year);
  const calendar: ICalCalendar = ical({
    name: options.name,
    prodId: { company: "Border Trade Bot", product: "Fairs", language: options.language.toUpperCase() },
    url: options.url ?? null,
    // A generator without a calendar zone: DTSTAMP stays UTC, and the deadline's zone gets its VTIMEZONE.
    timezone: { name: null, generator: (zone) => (offset && zone === options.zone ? vtimezone(zone, offset) : null) },
  });
  const day = (iso: string) => DateTime.fromISO(iso, { zone: "utc" });
  for (const { fair, texts } of entries) {
    const stamp = fair.revisedAt ? new Date(fair.revisedAt) : options.now;
    const revision = { stamp, sequence: fair.revision ?? 0, ...(fair.revisedAt ? { lastModified: stamp } : {}) };
    calendar.createEvent({
      id: `fair-${fair.id}@${UID_DOMAIN}`,
      allDay: true,
      start: day(fair.startsOn),
      end: day(fair.endsOn).plus({ days: 1 }),
      summary: texts.fairSummary,
      description: texts.fairDescription,
      location: texts.location,
      url: options.eventUrl?.(fair) ?? null,
      ...revision,
    });
    const deadline = DateTime.fromISO(fair.registrationDeadline, { zone: "utc" });
    const at = offset ? deadline.setZone(options.zone) : deadline;
    const event = calendar.createEvent({
      id: `deadline-${fair.id}@${UID_DOMAIN}`,
      start: at,
      end: at,
      timezone: offset ? options.zone : null,
      summary: texts.deadlineSummary,
      ...revision,
    });
    event.createAlarm({ type: ICalAlarmType.display, triggerBefore: 86_400, description: texts.deadlineAlarm });
  }
  // RFC 5545 ends every line, the last one too, with CRLF; the generator leaves the last one bare.
  return `${calendar.toString().replace(/\r\n$/, "")}\r\n`;
}

/** One fair's .ics file: the fair and its deadline (see fairsCalendar). */
export const fairCalendar = (fair: Fair, texts: CalendarTexts, options: { zone: string; now: Date }): string =>
  fairsCalendar([{ fair, texts }], { ...options, name: texts.fairSummary, language: texts.language });
