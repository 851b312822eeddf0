import { parse } from "csv-parse/sync";
import { DateTime } from "luxon";
import { fromCsvField } from "../../platform/files/spreadsheet.js";
import { ImportError } from "./dataset-import.service.js";
import type { DatasetInput } from "./dataset-schema.js";

type Row = Record<string, string>;

export const FAIR_COLUMNS = [
  "id",
  "kind",
  "name_vi",
  "name_zh",
  "name_en",
  "city_vi",
  "city_zh",
  "city_en",
  "venue_vi",
  "venue_zh",
  "venue_en",
  "province",
  "starts_on",
  "ends_on",
  "registration_deadline",
  "booth_capacity",
  "booth_fee_vi",
  "booth_fee_zh",
  "booth_fee_en",
  "organizer_vi",
  "organizer_zh",
  "organizer_en",
  "theme_vi",
  "theme_zh",
  "theme_en",
  "sectors",
  "contact_id",
  "aliases",
  "exported_at",
] as const;

export const GATE_COLUMNS = [
  "id",
  "name_vi",
  "name_zh",
  "name_en",
  "counterpart_vi",
  "counterpart_zh",
  "counterpart_en",
  "province",
  "type",
  "modes",
  "hours",
  "phone",
  "email",
  "contact_id",
  "aliases",
  "exported_at",
] as const;

const REQUIRED_FAIR = ["id", "name_vi", "starts_on", "ends_on", "registration_deadline"];
const REQUIRED_GATE = ["id", "name_vi", "counterpart_vi", "type", "hours"];

const list = (value: string | undefined): string[] =>
  (value ?? "")
    .split(";")
    .map((v) => v.trim())
    .filter(Boolean);

/** A {vi, zh, en} group from `<prefix>_vi` etc.; null when all three cells are empty. */
function i18n(row: Row, prefix: string): Record<string, string> | null {
  const group = { vi: row[`${prefix}_vi`] ?? "", zh: row[`${prefix}_zh`] ?? "", en: row[`${prefix}_en`] ?? "" };
  return group.vi || group.zh || group.en ? group : null;
}

const blankToNull = (value: string | undefined) => (value ? value : null);

/** Staff type dates the Vietnamese way (30/11/2026) as often as ISO; both are accepted. */
function normalizeDate(value: string): string {
  const dmy = DateTime.fromFormat(value, "d/M/yyyy");
  return dmy.isValid ? dmy.toISODate()! : value;
}

/** A deadline without an offset is local time in the office's time zone. */
function normalizeDeadline(value: string, timezone: string): string {
  if (/(Z|[+-]\d{2}:?\d{2})$/.test(value)) return value;
  for (const format of [
    "d/M/yyyy H:mm",
    "d/M/yyyy",
    "yyyy-MM-dd H:mm",
    "yyyy-MM-dd'T'HH:mm",
    "yyyy-MM-dd'T'HH:mm:ss",
    "yyyy-MM-dd",
  ]) {
    let at = DateTime.fromFormat(value, format, { zone: timezone });
    if (!at.isValid) continue;
    if (!format.includes("H")) at = at.set({ hour: 23, minute: 59 });
    return at.toISO({ suppressMilliseconds: true })!;
  }
  return value;
}

function fairFromRow(row: Row, timezone: string) {
  const capacity = Number(row.booth_capacity);
  return {
    id: row.id,
    kind: row.kind || "fair",
    name: i18n(row, "name"),
    city: i18n(row, "city"),
    venue: i18n(row, "venue"),
    province: row.province,
    starts_on: normalizeDate(row.starts_on ?? ""),
    ends_on: normalizeDate(row.ends_on ?? ""),
    registration_deadline: normalizeDeadline(row.registration_deadline ?? "", timezone),
    booth_capacity: row.booth_capacity === "" || Number.isNaN(capacity) ? row.booth_capacity : capacity,
    booth_fee: i18n(row, "booth_fee"),
    organizer: i18n(row, "organizer"),
    theme: i18n(row, "theme"),
    sectors: list(row.sectors),
    contact_id: blankToNull(row.contact_id),
    aliases: list(row.aliases),
  };
}

function gateFromRow(row: Row) {
  return {
    id: row.id,
    name: i18n(row, "name"),
    counterpart: i18n(row, "counterpart"),
    province: row.province,
    type: row.type,
    modes: list(row.modes),
    hours: row.hours,
    phone: blankToNull(row.phone),
    email: blankToNull(row.email),
    contact_id: blankToNull(row.contact_id),
    aliases: list(row.aliases),
  };
}

/** Our CSV exports guard cells against Excel (an apostrophe, ="…"); reading one back, the guard goes again. */
const unguard = (row: Row): Row => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, fromCsvField(v)]));

/**
 * Reads a staff CSV of fairs or of border gates (told apart by their header) into the dataset
 * format, so it goes through the same validation and the same all-or-nothing import.
 */
export function datasetFromCsv(text: string, timezone: string): DatasetInput {
  let rows: Row[];
  try {
    rows = parse(text, {
      columns: (h: string[]) => h.map((c) => c.trim().toLowerCase()),
      bom: true,
      trim: true,
      skip_empty_lines: true,
    });
  } catch (error) {
    throw new ImportError([{ record: "(file)", field: "csv", message: (error as Error).message }]);
  }
  rows = rows.map(unguard);
  const header = Object.keys(rows[0] ?? {});
  const isFairs = header.includes("starts_on");
  const required = isFairs ? REQUIRED_FAIR : REQUIRED_GATE;
  const missing = required.filter((c) => !header.includes(c));
  if (rows.length === 0 || missing.length > 0) {
    const expected = (isFairs ? FAIR_COLUMNS : GATE_COLUMNS).join(",");
    throw new ImportError([
      {
        record: "(file)",
        field: "header",
        message: `missing column(s) ${missing.join(", ") || "(no rows)"}; expected ${expected}`,
      },
    ]);
  }
  // Rows pasted in from an older download carry its time: the earliest one speaks for the file.
  const exportedAt = rows
    .map((r) => r.exported_at ?? "")
    .filter(Boolean)
    .sort()[0];
  const file = { format: "trade-office-dataset/1", ...(exportedAt ? { exported_at: exportedAt } : {}) };
  return isFairs
    ? ({ ...file, fairs: rows.map((r) => fairFromRow(r, timezone)) } as DatasetInput)
    : ({ ...file, border_gates: rows.map(gateFromRow) } as DatasetInput);
}
