import { InlineKeyboard } from "grammy";
import type { InlineKeyboardButton } from "grammy/types";
import { type Fair, placeUnit } from "../../domain/catalog.js";
import { REGISTRATION_STATUSES, type RegistrationStatus } from "../../domain/registration.js";
import { clip } from "../../domain/text.js";
import type { RegistrationRow } from "../../platform/db/schema.js";
import { escapeHtml } from "../../platform/telegram/html.js";
import type { RegistrationViewContext } from "./registration.views.js";
import { deskDecisionButton, deskPageButton, exportFairButton } from "./registrations.callbacks.js";
import type { StaffFacts } from "./staff-card.js";

/** Registrations on one page of the review desk: few enough for a phone, and for Telegram's 4096 characters. */
export const DESK_PAGE_SIZE = 5;

/** Waiting for a decision first (oldest first), then the others in the order staff read statuses. */
export function deskOrder(rows: readonly RegistrationRow[]): RegistrationRow[] {
  const rank = (status: RegistrationStatus) => REGISTRATION_STATUSES.indexOf(status);
  return [...rows].sort((a, b) => rank(a.status) - rank(b.status) || a.id - b.id);
}

export const pageCount = (rows: number) => Math.max(1, Math.ceil(rows / DESK_PAGE_SIZE));

export interface DeskPage {
  fair: Fair;
  counts: Partial<Record<RegistrationStatus, { count: number; booths: number }>>;
  left: number;
  /** This page's registrations, each with what staff need beside its fields. */
  entries: Array<{ row: RegistrationRow; facts: StaffFacts }>;
  page: number;
  pages: number;
}

/** The number part of a reference ("0002" of LS26-0002): a button's label that stays with its registration. */
const shortReference = (reference: string) => reference.split("-").at(-1) ?? reference;

/** One registration in a few lines: enough to decide without the notice or the spreadsheet. */
function entry(view: RegistrationViewContext, row: RegistrationRow, facts: StaffFacts, unit: string): string[] {
  const { t, locale, catalog } = view;
  const sectors = (JSON.parse(row.sectors) as string[]).map((id) => catalog.sectors.get(id)?.name[locale] ?? id);
  const lines = [
    `<b>${escapeHtml(row.reference)}</b> · ${t(`registration.status.${row.status}`)}`,
    `🏢 ${escapeHtml(clip(row.company, 80))} · ${t(`signup.country.${row.country}`)} · 🧾 <code>${escapeHtml(row.tax_id)}</code>`,
    `🏭 ${escapeHtml(clip(sectors.join(t("common.separator")), 80))} · ${t(`review.places.${unit}`, { count: row.booths })}`,
    `👤 ${escapeHtml(clip(row.contact_person, 60))} · 📞 ${escapeHtml(row.phone)} · ✉️ ${escapeHtml(clip(row.email, 60))}`,
    `📎 ${t(`registration.licence.${row.licence_kind ?? "none"}`)} · ${t("review.applicant_language", { language: t(`review.language.${facts.applicantLocale}`) })}`,
  ];
  if (facts.duplicateOf) lines.push(t("review.desk_duplicate", { reference: facts.duplicateOf.reference }));
  if (facts.claimedBy.length > 0)
    lines.push(t("review.desk_claimed", { references: facts.claimedBy.join(t("common.separator")) }));
  return lines;
}

/** The review desk: a fair's counts and places left, then one page of registrations with their buttons. */
export function deskView(view: RegistrationViewContext, desk: DeskPage): { text: string; keyboard: InlineKeyboard } {
  const { t, locale } = view;
  const { fair, page, pages } = desk;
  const unit = placeUnit(fair.kind);
  const lines = [`<b>${escapeHtml(fair.name[locale])}</b>`, ""];
  for (const status of REGISTRATION_STATUSES) {
    const count = desk.counts[status];
    if (count)
      lines.push(
        t("review.count_line", {
          status: t(`registration.status.${status}`),
          count: count.count,
          places: t(`review.places.${unit}`, { count: count.booths }),
        }),
      );
  }
  if (lines.length === 2) lines.push(t("review.no_registrations"));
  lines.push("", t(`review.places_left.${unit}`, { left: desk.left, capacity: fair.boothCapacity }));

  const rows: InlineKeyboardButton[][] = [];
  for (const { row, facts } of desk.entries) {
    // Labelled by reference, not by place in the list: a decision reorders the list, never a label.
    const n = shortReference(row.reference);
    lines.push("", ...entry(view, row, facts, unit));
    const buttons = [];
    if (row.status === "pending") {
      buttons.push(InlineKeyboard.text(`✅ ${n}`, deskDecisionButton.pack("ok", row.id, page)));
      buttons.push(InlineKeyboard.text(`❌ ${n}`, deskDecisionButton.pack("no", row.id, page)));
    }
    if (row.licence_file_id) buttons.push(InlineKeyboard.text(`📎 ${n}`, deskDecisionButton.pack("lic", row.id, page)));
    if (buttons.length > 0) rows.push(buttons);
  }
  if (pages > 1) {
    const nav = [];
    if (page > 0) nav.push(InlineKeyboard.text("◀️", deskPageButton.pack(fair.id, page - 1)));
    nav.push(InlineKeyboard.text(t("common.page", { page: page + 1, pages }), deskPageButton.pack(fair.id, page)));
    if (page < pages - 1) nav.push(InlineKeyboard.text("▶️", deskPageButton.pack(fair.id, page + 1)));
    rows.push(nav);
  }
  rows.push([
    InlineKeyboard.text("⬇️ Excel (.xlsx)", exportFairButton.pack("xlsx", fair.id)),
    InlineKeyboard.text("⬇️ CSV", exportFairButton.pack("csv", fair.id)),
  ]);
  return { text: lines.join("\n"), keyboard: InlineKeyboard.from(rows) };
}
