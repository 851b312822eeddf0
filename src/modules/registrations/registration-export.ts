import { DateTime } from "luxon";
import type { Country, RegistrationStatus, RejectCode } from "../../domain/registration.js";
import type { RegistrationRow } from "../../platform/db/schema.js";
import type { Cell, ExportTable } from "../../platform/files/spreadsheet.js";

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
  /** A rejection's preset reason as staff read it; defaults to the code. */
  rejectLabel?: (code: RejectCode) => string;
  /** IANA zone the dates are shown in, e.g. "Asia/Ho_Chi_Minh". */
  zone: string;
}

/** SQLite's CURRENT_TIMESTAMP writes "YYYY-MM-DD HH:MM:SS" in UTC; the app itself writes ISO 8601. */
function parseInstant(value: string): DateTime {
  const sql = DateTime.fromSQL(value, { zone: "utc" });
  return sql.isValid ? sql : DateTime.fromISO(value, { zone: "utc" });
}

/** An instant as a Date, which the writers show in the table's zone; text that is no date is passed through, so nothing is lost. */
function instantCell(value: string | null): Cell {
  if (value === null) return null;
  const instant = parseInstant(value);
  return instant.isValid ? instant.toJSDate() : value;
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

/** Registrations as a table of text, numbers and dates shown in the options' zone, ready for {@link toCsv} or {@link toXlsx}. */
export function registrationTable(rows: readonly RegistrationRow[], options: RegistrationTableOptions): ExportTable {
  const { zone, sectorName, countryLabel = (country) => country, rejectLabel = (code) => code } = options;
  const positions = waitlistPositions(rows);
  return {
    headers: COLUMN_KEYS.map((key) => options.headers[key]),
    rows: rows.map((row) => {
      const cells: Record<ColumnKey, Cell> = {
        reference: row.reference,
        status: options.statusLabel(row.status),
        company: row.company,
        country: countryLabel(row.country),
        taxId: row.tax_id,
        sectors: sectorIds(row.sectors)?.map(sectorName).join("; ") ?? row.sectors,
        booths: row.booths,
        contactPerson: row.contact_person,
        phone: row.phone,
        email: row.email,
        licence: options.licenceLabel(row.licence_kind),
        waitlistPosition: positions.get(row.id) ?? null,
        offerExpiresAt: instantCell(row.offer_expires_at),
        rejectReason: [row.reject_code && rejectLabel(row.reject_code), row.reject_reason].filter(Boolean).join(" — ") || null,
        createdAt: instantCell(row.created_at),
        decidedAt: instantCell(row.decided_at),
      };
      return COLUMN_KEYS.map((key) => cells[key]);
    }),
    zone,
  };
}
