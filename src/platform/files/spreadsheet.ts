import { DateTime } from "luxon";

/** A cell: text, a number, an instant, or null for an empty cell. */
export type Cell = string | number | Date | null;

/** A table to export: one header row, then rows of cells. */
export interface ExportTable {
  headers: string[];
  rows: Cell[][];
  /** IANA zone whose wall-clock time both writers show Date cells in, e.g. "Asia/Ho_Chi_Minh"; UTC when absent. */
  zone?: string;
}

const DATE_FORMAT = "yyyy-MM-dd HH:mm";
const EXCEL_DATE_FORMAT = "yyyy-mm-dd hh:mm";

/** An unusable number or date is left empty rather than written as NaN or "Invalid DateTime". */
function usable(cell: Cell): Cell {
  if (typeof cell === "number") return Number.isFinite(cell) ? cell : null;
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? null : cell;
  return cell;
}

/** The cell as a person reads it, dates as wall-clock time in `zone`. */
function displayText(cell: Cell, zone: string): string {
  const value = usable(cell);
  if (value === null) return "";
  if (value instanceof Date) return DateTime.fromJSDate(value, { zone }).toFormat(DATE_FORMAT);
  return String(value);
}

// Excel runs a cell starting with one of these as a formula, and company names come from strangers.
const FORMULA_START = /^[=+\-@\t\r]/;
const SIGNED_NUMBER = /^[+-]\d+(\.\d+)?$/;
// A value that really starts with apostrophes before one of those: without one more, reading it
// back would take its own apostrophe for our guard and drop it.
const LOOKS_GUARDED = /^'+[=+\-@\t\r]/;
// Digits Excel would read as a number and damage: the + or leading zero of a phone or tax code
// dropped, and from 12 digits on (personal ids) shown in scientific notation. Other digit strings,
// such as a booth capacity, are left alone so the catalog's CSV still reads back through its import.
const DAMAGED_AS_NUMBER = /^(\+\d+|0\d+|\d{12,})$/;

/** A value as written in a CSV cell (before quoting): guarded against Excel, undone by {@link fromCsvField}. */
function guard(value: string): string {
  if (DAMAGED_AS_NUMBER.test(value)) return `="${value}"`;
  if ((FORMULA_START.test(value) && !SIGNED_NUMBER.test(value)) || LOOKS_GUARDED.test(value)) return `'${value}`;
  return value;
}

function csvField(value: string): string {
  // ="…" makes Excel show the text inside as it is; built from digits alone, it cannot run anything else.
  const safe = guard(value);
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

const GUARDED_NUMBER = /^="(\+\d+|0\d+|\d{12,})"$/;

/**
 * A cell of one of our CSVs read back (after unquoting) as the value that was written: the
 * apostrophe or the ="…" {@link toCsv} added goes, and nothing else does.
 */
export function fromCsvField(cell: string): string {
  if (/^'(?='*[=+\-@\t\r])/.test(cell)) return cell.slice(1);
  return GUARDED_NUMBER.exec(cell)?.[1] ?? cell;
}

/**
 * The table as RFC 4180 CSV with CRLF line ends, in UTF-8 with a byte-order mark: without it,
 * Excel reads a CSV in the computer's legacy code page and garbles Vietnamese and Chinese.
 * Dates are written as "yyyy-MM-dd HH:mm" in the table's zone; {@link toXlsx} keeps them real dates.
 */
export function toCsv(table: ExportTable): Buffer {
  const zone = table.zone ?? "utc";
  const lines = [table.headers, ...table.rows].map((cells) => cells.map((cell) => csvField(displayText(cell, zone))).join(","));
  return Buffer.from(`\uFEFF${lines.join("\r\n")}\r\n`, "utf8");
}

// Chinese characters and full-width forms take two columns' width in Excel.
const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{20000}-\u{3fffd}]/u;
const displayWidth = (text: string): number =>
  Math.max(0, ...text.split("\n").map((line) => Array.from(line).reduce((width, char) => width + (WIDE.test(char) ? 2 : 1), 0)));

/** Excel refuses sheet names over 31 characters, with * ? : \ / [ ], or starting or ending with an apostrophe. */
function sheetTitle(name: string): string {
  const cleaned = name
    .replace(/[*?:/\\[\]]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  let title = "";
  for (const char of cleaned) {
    if (title.length + char.length > 31) break;
    title += char;
  }
  title = title.replace(/^'+|'+$/g, "").trim();
  return title === "" || title.toLowerCase() === "history" ? "Sheet1" : title;
}

/**
 * exceljs writes a Date as its UTC time and Excel has no time zones, so a Date whose UTC fields
 * are the wall-clock time in `zone` is what makes Excel show the office's time.
 */
const wallClockDate = (instant: Date, zone: string): Date =>
  DateTime.fromJSDate(instant, { zone }).setZone("utc", { keepLocalTime: true }).toJSDate();

/** The table as an .xlsx workbook: bold frozen header with filters; numbers and dates stay numbers and dates, text stays text. */
export async function toXlsx(table: ExportTable, sheetName: string): Promise<Buffer> {
  // exceljs is the heaviest module the bot has and only staff exports use it: loaded on the first.
  const { default: ExcelJS } = await import("exceljs");
  const zone = table.zone ?? "utc";
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetTitle(sheetName), { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.addRow(table.headers).font = { bold: true };
  for (const cells of table.rows) {
    const values = cells.map(usable);
    const row = sheet.addRow(values.map((value) => (value instanceof Date ? wallClockDate(value, zone) : value)));
    values.forEach((value, i) => {
      if (value instanceof Date) row.getCell(i + 1).numFmt = EXCEL_DATE_FORMAT;
    });
  }
  if (table.headers.length > 0) {
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: table.headers.length } };
  }
  table.headers.forEach((header, i) => {
    // Room for the filter button beside the header; long free text (reasons) is capped.
    const widest = Math.max(
      displayWidth(header) + 3,
      ...table.rows.map((row) => displayWidth(displayText(row[i] ?? null, zone))),
    );
    sheet.getColumn(i + 1).width = Math.min(Math.max(widest + 1, 8), 60);
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
