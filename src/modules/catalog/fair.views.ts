import { InlineKeyboard } from "grammy";
import { menuButton } from "../../bot/menu.js";
import type { ViewContext } from "../../bot/view-context.js";
import { type Fair, placeUnit, unitKey } from "../../domain/catalog.js";
import { formatDateRange, todayIn } from "../../domain/dates.js";
import { deadlineStatus, deadlineTimes } from "../../domain/deadline.js";
import { escapeHtml } from "../../platform/telegram/html.js";
import { registerButton } from "../registrations/registrations.callbacks.js";
import { availabilityKey } from "./availability.views.js";
import { calendarButton, contactButton, fairButton } from "./catalog.callbacks.js";
import { type AvailabilityByFair, availabilityLine } from "./fair-availability.service.js";
import { isOpenForRegistration } from "./fairs.service.js";
import { memoized } from "./view-memo.js";

/** A fair's whole card: everything a business needs to decide whether to exhibit, places left included. */
export const fairCard = memoized(
  "fair",
  (fair: Fair, availability: AvailabilityByFair) => `${fair.id}\u0000${availabilityKey(availability, [fair.id])}`,
  drawFairCard,
);

function drawFairCard(
  view: ViewContext,
  fair: Fair,
  availability: AvailabilityByFair,
): { text: string; keyboard: InlineKeyboard } {
  const { t, locale, catalog, now, timezone } = view;
  const today = todayIn(now, timezone);
  const lines = [`<b>${escapeHtml(fair.name[locale])}</b>`];
  if (fair.startsOn <= today && today <= fair.endsOn) lines.push(t("fair.status_ongoing"));
  if (fair.endsOn < today) lines.push(t("fair.status_ended"));
  lines.push("");
  lines.push(t("fair.dates", { dates: formatDateRange(fair.startsOn, fair.endsOn, locale) }));
  lines.push(t("fair.place", { venue: fair.venue[locale], city: fair.city[locale] }));
  lines.push(t("fair.organizer", { organizer: fair.organizer[locale] }));
  lines.push(t("fair.kind", { kind: t(`fair.kinds.${fair.kind}`) }));
  if (fair.theme) lines.push(t("fair.theme", { theme: fair.theme[locale] }));
  const unit = placeUnit(fair.kind);
  lines.push(t(unitKey("fair.capacity", unit), { capacity: fair.boothCapacity }));
  lines.push(fair.boothFee ? t(unitKey("fair.fee", unit), { fee: fair.boothFee[locale] }) : t(unitKey("fair.fee_unknown", unit)));
  const sectors = fair.sectors.map((id) => catalog.sectors.get(id)?.name[locale] ?? id);
  if (sectors.length > 0) lines.push(t("fair.sectors", { sectors: sectors.join(t("common.separator")) }));
  const contact = fair.contactId ? catalog.contacts.get(fair.contactId) : undefined;
  if (contact) {
    lines.push(t("fair.contact", { name: contact.name[locale] }));
    if (contact.phone) lines.push(`    ${t("contact.phone", { phone: contact.phone })}`);
    if (contact.email) lines.push(`    ${t("contact.email", { email: contact.email })}`);
  }
  lines.push(t("fair.deadline", deadlineTimes(fair.registrationDeadline, locale)));
  lines.push(t("fair.deadline_status", { status: deadlineStatus(t, fair.registrationDeadline, now, timezone) }));
  const places = availabilityLine(t, fair, availability, now);
  if (places) lines.push(places);
  const keyboard = new InlineKeyboard();
  if (isOpenForRegistration(fair, now))
    keyboard.text(t(unitKey("fair.register_button", placeUnit(fair.kind))), registerButton.pack(fair.id)).row();
  keyboard.text(t("calendar.button"), calendarButton.pack(fair.id)).row();
  if (contact) keyboard.text(t("menu.contacts"), contactButton.pack(contact.id));
  keyboard.text(t("menu.fairs"), menuButton.pack("fairs"));
  return { text: lines.join("\n"), keyboard };
}

/** A direct answer to "when is the deadline", with a button to the full card. */
export const deadlineAnswer = memoized("deadline", (fair: Fair) => fair.id, drawDeadlineAnswer);

function drawDeadlineAnswer(view: ViewContext, fair: Fair): { text: string; keyboard: InlineKeyboard } {
  const { t, locale, now, timezone } = view;
  const text = t("fair.deadline_answer", {
    name: fair.name[locale],
    ...deadlineTimes(fair.registrationDeadline, locale),
    status: deadlineStatus(t, fair.registrationDeadline, now, timezone),
  });
  return { text, keyboard: new InlineKeyboard().text(t("fair.details_button"), fairButton.pack(fair.id)) };
}
