import { DateTime } from "luxon";
import type { Country, RegistrationStatus } from "../../domain/registration.js";
import type { RegistrationRow } from "../../platform/db/schema.js";
import type { ExportTable } from "../../platform/files/spreadsheet.js";

/** The export's columns, in order. */
export const COLUMN_KEYS = [
  "reference",
  "status",
  "company",
  "country",
  "taxId",
  "sectors",
  "booths",
  "contactPerson",
  "phone",
  "email",
  "licence",
  "waitlistPosition",
  "offerExpiresAt",
  "rejectReason",
  "createdAt",
  "decidedAt",
] as const;

export type ColumnKey = (typeof COLUMN_KEYS)[number];

/** Everything language-dependent comes in from the caller, so this service knows no i18n library. */
export interface RegistrationTableOptions {
  headers: Record<ColumnKey, string>;
  statusLabel: (status: RegistrationStatus) => string;
  sectorName: (id: string) => string;
  /** "no" for null, else the kind ("photo", "document") or simply "yes". */
  licenceLabel: (kind: RegistrationRow["licence_kind"]) => string;
  /** Defaults to the code itself (VN, CN, other). */
  countryLabel?: (country: Country) => string;
  /** IANA zone the dates are shown in, e.g. "Asia/Ho_Chi_Minh". */
  zone: string;
}

/** SQLite's CURRENT_TIMESTAMP writes "YYYY-MM-DD HH:MM:SS" in UTC; the app itself writes ISO 8601. */
function parseInstant(value: string): DateTime {
  const sql = DateTime.fromSQL(value, { zone: "utc" });
  return sql.isValid ? sql : DateTime.fromISO(value, { zone: "utc" });
}

/** An instant as "yyyy-MM-dd HH:mm" in `zone`; text that is no date is passed through, so nothing is lost. */
function formatInstant(value: string | null, zone: string): string {
  if (value === null) return "";
  const instant = parseInstant(value);
  return instant.isValid ? instant.setZone(zone).toFormat("yyyy-MM-dd HH:mm") : value;
}

const waitlistOrder = (row: RegistrationRow): number => parseInstant(row.waitlisted_at ?? row.created_at).toMillis() || 0;

/** Waitlist positions per fair, counted among the rows given: pass all of a fair's registrations. */
function waitlistPositions(rows: readonly RegistrationRow[]): Map<number, number> {
  const waiting = rows
    .filter((row) => row.status === "waitlisted")
    .sort((a, b) => waitlistOrder(a) - waitlistOrder(b) || a.id - b.id);
  const positions = new Map<number, number>();
  const countByFair = new Map<string, number>();
  for (const row of waiting) {
    const position = (countByFair.get(row.fair_id) ?? 0) + 1;
    countByFair.set(row.fair_id, position);
    positions.set(row.id, position);
  }
  return positions;
}

function sectorIds(json: string): string[] | null {
  try {
    const ids: unknown = JSON.parse(json);
    return Array.isArray(ids) && ids.every((id) => typeof id === "string") ? ids : null;
  } catch {
    return null;
  }
}

/** Registrations as a table of display text, ready for {@link toCsv} or {@link toXlsx}. */
export function registrationTable(rows: readonly RegistrationRow[], options: RegistrationTableOptions): ExportTable {
  const { zone, sectorName, countryLabel = (country) => country } = options;
  const positions = waitlistPositions(rows);
  return {
    headers: COLUMN_KEYS.map((key) => options.headers[key]),
    rows: rows.map((row) => {
      const cells: Record<ColumnKey, string> = {
        reference: row.reference,
        status: options.statusLabel(row.status),
        company: row.company,
        country: countryLabel(row.country),
        taxId: row.tax_id,
        sectors: sectorIds(row.sectors)?.map(sectorName).join("; ") ?? row.sectors,
        booths: String(row.booths),
        contactPerson: row.contact_person,
        phone: row.phone,
        email: row.email,
        licence: options.licenceLabel(row.licence_kind),
        waitlistPosition: String(positions.get(row.id) ?? ""),
        offerExpiresAt: formatInstant(row.offer_expires_at, zone),
        rejectReason: row.reject_reason ?? "",
        createdAt: formatInstant(row.created_at, zone),
        decidedAt: formatInstant(row.decided_at, zone),
      };
      return COLUMN_KEYS.map((key) => cells[key]);
    }),
  };
}
