import ExcelJS from "exceljs";
import { DateTime } from "luxon";
import type { Country, RegistrationRow, RegistrationStatus } from "../../platform/db/schema.js";

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

/** A sheet of text: one header row, then one row per registration. */
export interface ExportTable {
  headers: string[];
  rows: string[][];
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

// Excel runs a cell starting with one of these as a formula, and company names come from strangers.
const FORMULA_START = /^[=+\-@\t\r]/;
const SIGNED_NUMBER = /^[+-]\d+(\.\d+)?$/;

function csvField(value: string): string {
  const safe = FORMULA_START.test(value) && !SIGNED_NUMBER.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/**
 * The table as RFC 4180 CSV with CRLF line ends, in UTF-8 with a byte-order mark: without it,
 * Excel reads a CSV in the computer's legacy code page and garbles Vietnamese and Chinese.
 * Excel still turns digit strings into numbers (a tax id loses its leading 0), so give Excel users {@link toXlsx}.
 */
export function toCsv(table: ExportTable): Buffer {
  const lines = [table.headers, ...table.rows].map((cells) => cells.map(csvField).join(","));
  return Buffer.from(`\uFEFF${lines.join("\r\n")}\r\n`, "utf8");
}

// Chinese characters and full-width forms take two columns' width in Excel.
const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{20000}-\u{3fffd}]/u;
const displayWidth = (text: string): number =>
  Math.max(0, ...text.split("\n").map((line) => Array.from(line).reduce((width, char) => width + (WIDE.test(char) ? 2 : 1), 0)));

/** Excel refuses sheet names over 31 characters, with * ? : \ / [ ], or starting or ending with an apostrophe. */
function sheetTitle(name: string): string {
  const cleaned = name.replace(/[*?:/\\[\]]/g, " ").replace(/\s+/g, " ").trim();
  let title = "";
  for (const char of cleaned) {
    if (title.length + char.length > 31) break;
    title += char;
  }
  title = title.replace(/^'+|'+$/g, "").trim();
  return title === "" || title.toLowerCase() === "history" ? "Sheet1" : title;
}

/** The table as an .xlsx workbook: bold frozen header with filters, every cell stored as text. */
export async function toXlsx(table: ExportTable, sheetName: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetTitle(sheetName), { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.addRow(table.headers).font = { bold: true };
  sheet.addRows(table.rows);
  if (table.headers.length > 0) {
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: table.headers.length } };
  }
  table.headers.forEach((header, i) => {
    // Room for the filter button beside the header; long free text (reasons) is capped.
    const widest = Math.max(displayWidth(header) + 3, ...table.rows.map((row) => displayWidth(row[i] ?? "")));
    sheet.getColumn(i + 1).width = Math.min(Math.max(widest + 1, 8), 60);
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
