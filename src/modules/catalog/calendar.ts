import ical, { ICalAlarmType } from "ical-generator";
import { DateTime } from "luxon";
import type { Fair } from "../../domain/catalog.js";

/** The translated texts of a fair's calendar file, plain text (not HTML). */
export interface CalendarTexts {
  fairSummary: string;
  fairDescription: string;
  location: string;
  deadlineSummary: string;
  deadlineAlarm: string;
  language: string;
}

const UID_DOMAIN = "border-trade-bot";

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
 * An .ics file with two events: the fair, as whole days from the first to the last (the end is the
 * day after, as iCalendar counts), and its registration deadline at its exact instant, written in
 * `zone` (the reader's) with a reminder a day before. A zone with summer time is written in UTC.
 */
export function fairCalendar(fair: Fair, texts: CalendarTexts, options: { zone: string; now: Date }): string {
  const deadline = DateTime.fromISO(fair.registrationDeadline, { zone: "utc" });
  const offset = fixedOffset(options.zone, deadline.year);
  const calendar = ical({
    name: texts.fairSummary,
    prodId: { company: "Border Trade Bot", product: "Fairs", language: texts.language.toUpperCase() },
    // A generator without a calendar zone: DTSTAMP stays UTC, and the deadline's zone gets its VTIMEZONE.
    timezone: { name: null, generator: (zone) => (offset && zone === options.zone ? vtimezone(zone, offset) : null) },
  });
  const day = (iso: string) => DateTime.fromISO(iso, { zone: "utc" });
  calendar.createEvent({
    id: `fair-${fair.id}@${UID_DOMAIN}`,
    allDay: true,
    start: day(fair.startsOn),
    end: day(fair.endsOn).plus({ days: 1 }),
    stamp: options.now,
    summary: texts.fairSummary,
    description: texts.fairDescription,
    location: texts.location,
  });
  const at = offset ? deadline.setZone(options.zone) : deadline;
  const event = calendar.createEvent({
    id: `deadline-${fair.id}@${UID_DOMAIN}`,
    start: at,
    end: at,
    timezone: offset ? options.zone : null,
    stamp: options.now,
    summary: texts.deadlineSummary,
  });
  event.createAlarm({ type: ICalAlarmType.display, triggerBefore: 86_400, description: texts.deadlineAlarm });
  // RFC 5545 ends every line, the last one too, with CRLF; the generator leaves the last one bare.
  return `${calendar.toString().replace(/\r\n$/, "")}\r\n`;
}
