import ExcelJS from "exceljs";

/** A table to export: one header row, then rows of text. */
export interface ExportTable {
  headers: string[];
  rows: string[][];
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
