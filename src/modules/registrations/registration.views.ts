import { type Catalog, type PlaceUnit, placeUnit, unitKey } from "../../domain/catalog.js";
import { formatDateTimeIn } from "../../domain/dates.js";
import type { Locale } from "../../domain/locale.js";
import type { RegistrationStatus } from "../../domain/registration.js";
import type { Translate } from "../../domain/translate.js";
import type { RegistrationRow } from "../../platform/db/schema.js";
import { escapeHtml } from "../../platform/telegram/html.js";
import type { RegistrationDraft } from "./registrations.service.js";

export interface RegistrationViewContext {
  t: Translate;
  locale: Locale;
  catalog: Catalog;
  timezone: string;
}

export const statusLabel = (t: Translate, status: RegistrationStatus) => t(`registration.status.${status}`);

/** The fields a company gave, one per line: used by the sign-up summary, staff review and /myregistrations. */
function fieldLines(t: Translate, draft: RegistrationDraft, sectorName: (id: string) => string, unit: PlaceUnit): string[] {
  return [
    t("registration.field.company", { value: draft.company }),
    t("registration.field.country", { value: t(`signup.country.${draft.country}`) }),
    t("registration.field.tax_id", { value: draft.taxId }),
    t("registration.field.sectors", { value: draft.sectors.map(sectorName).join(t("common.separator")) || "—" }),
    t(unit === "seats" ? "registration.field.seats" : "registration.field.booths", { value: draft.booths }),
    t("registration.field.contact_person", { value: draft.contactPerson }),
    t("registration.field.phone", { value: draft.phone }),
    t("registration.field.email", { value: draft.email }),
    t("registration.field.licence", {
      value: draft.licence ? t(`registration.licence.${draft.licence.kind}`) : t("registration.licence.none"),
    }),
  ];
}

export const fairName = (view: RegistrationViewContext, fairId: string) =>
  view.catalog.fairs.get(fairId)?.name[view.locale] ?? fairId;

/** Booths, or seats at a seminar: what the registration's number counts. */
export const unitOf = (view: Pick<RegistrationViewContext, "catalog">, fairId: string): PlaceUnit =>
  placeUnit(view.catalog.fairs.get(fairId)?.kind ?? "fair");

/** The summary shown before Confirm; the sign-up knows the fair's name and sector names in the user's language. */
export function draftSummary(
  t: Translate,
  fair: { name: string; sectors: Array<{ id: string; name: string }>; unit?: PlaceUnit },
  draft: RegistrationDraft,
): string {
  const sectorName = (id: string) => fair.sectors.find((s) => s.id === id)?.name ?? id;
  const fields = fieldLines(t, draft, sectorName, fair.unit ?? "booths");
  return [t("signup.summary_title"), `<b>${escapeHtml(fair.name)}</b>`, "", ...fields].join("\n");
}

export function draftFromRow(row: RegistrationRow): RegistrationDraft {
  return {
    fairId: row.fair_id,
    company: row.company,
    country: row.country,
    taxId: row.tax_id,
    sectors: JSON.parse(row.sectors) as string[],
    booths: row.booths,
    contactPerson: row.contact_person,
    phone: row.phone,
    email: row.email,
    licence:
      row.licence_file_id && row.licence_kind
        ? { fileId: row.licence_file_id, kind: row.licence_kind, ...(row.licence_path ? { path: row.licence_path } : {}) }
        : null,
  };
}

/** A stored registration: reference, fair, status and every field. */
export function registrationCard(
  view: RegistrationViewContext,
  row: RegistrationRow,
  extra: { position?: number | null } = {},
): string {
  const { t, locale, timezone } = view;
  const lines = [
    `<b>${escapeHtml(row.reference)}</b> — ${escapeHtml(fairName(view, row.fair_id))}`,
    t("registration.field.status", { value: statusLabel(t, row.status) }),
  ];
  if (extra.position) lines.push(t("registration.waitlist_position", { position: extra.position }));
  if (row.status === "offered" && row.offer_expires_at) {
    lines.push(
      t(unitKey("registration.offer_until", unitOf(view, row.fair_id)), {
        booths: row.offered_booths ?? row.booths,
        until: formatDateTimeIn(row.offer_expires_at, timezone, locale),
      }),
    );
  }
  if (row.status === "rejected") lines.push(...rejectionLines(t, row));
  const sectorName = (id: string) => view.catalog.sectors.get(id)?.name[locale] ?? id;
  lines.push(...fieldLines(t, draftFromRow(row), sectorName, unitOf(view, row.fair_id)));
  return lines.join("\n");
}

/** Why a registration was turned down: the preset reason in the reader's language, then the office's own words. */
export function rejectionLines(t: Translate, row: Pick<RegistrationRow, "reject_code" | "reject_reason">): string[] {
  const lines: string[] = [];
  if (row.reject_code) lines.push(t("registration.field.reason", { value: t(`registration.reject_reason.${row.reject_code}`) }));
  if (row.reject_reason) lines.push(t("registration.field.office_note", { value: row.reject_reason }));
  return lines;
}
