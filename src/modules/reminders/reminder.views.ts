import { DateTime } from "luxon";
import type { Fair } from "../../domain/catalog.js";
import { formatDateRange } from "../../domain/dates.js";
import { deadlineStatus, deadlineTimes } from "../../domain/deadline.js";
import type { Locale } from "../../domain/locale.js";
import type { Translate } from "../../domain/translate.js";
import type { ReminderKind } from "../../platform/db/schema.js";
import type { InlineMarkup, OutgoingMessage } from "../../platform/outbox/message.js";
import { calendarButton, fairButton } from "../catalog/catalog.callbacks.js";
import { registerButton } from "../registrations/registrations.callbacks.js";

export interface ReminderView {
  t: Translate;
  locale: Locale;
  /** The offices' zone, where days are counted. */
  timezone: string;
}

/** Whole days from the date of `at` to the fair's first day, both in `zone`. */
function daysToStart(fair: Fair, at: Date, zone: string): number {
  const first = DateTime.fromISO(fair.startsOn, { zone });
  return Math.round(first.diff(DateTime.fromJSDate(at, { zone }).startOf("day"), "days").days);
}

/**
 * A reminder as the outbox sends it: HTML text in the reader's language, worded for `at` (when it
 * will be read, after quiet hours), with Open, Register (while registration is open at `at`) and
 * Add to calendar.
 */
export function reminderMessage(view: ReminderView, fair: Fair, kind: ReminderKind, at: Date): OutgoingMessage {
  const { t, locale, timezone } = view;
  const facts = {
    fair: fair.name[locale],
    dates: formatDateRange(fair.startsOn, fair.endsOn, locale),
    venue: fair.venue[locale],
    city: fair.city[locale],
    status: deadlineStatus(t, fair.registrationDeadline, at, timezone),
    ...deadlineTimes(fair.registrationDeadline, locale),
  };
  let body: string;
  if (kind === "deadline_7d" || kind === "deadline_1d") body = t("reminder.deadline", facts);
  else if (kind === "new_fair") body = t("reminder.new_fair", facts);
  else {
    const days = daysToStart(fair, at, timezone);
    body = days <= 1 ? t("reminder.starts_tomorrow", facts) : t("reminder.starts_in", { ...facts, days });
  }
  const open = Date.parse(fair.registrationDeadline) > at.getTime();
  const markup: InlineMarkup = {
    inline_keyboard: [
      [
        { text: t("reminder.open_button"), callback_data: fairButton.pack(fair.id) },
        ...(open ? [{ text: t("reminder.register_button"), callback_data: registerButton.pack(fair.id) }] : []),
      ],
      [{ text: t("calendar.button"), callback_data: calendarButton.pack(fair.id) }],
    ],
  };
  return { type: "text", text: `${body}\n\n${t("reminder.footer")}`, html: true, markup };
}
