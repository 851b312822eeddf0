import { DateTime } from "luxon";
import type { Catalog, I18nText } from "../../domain/catalog.js";
import type { ExportTable } from "../../platform/files/spreadsheet.js";
import { FAIR_COLUMNS, GATE_COLUMNS } from "./csv-dataset.js";
import type { DatasetInput } from "./dataset-schema.js";

// The catalog written back in the import's own formats, so staff can download it, change it in a
// spreadsheet or an editor, and import it again: the same ids update the same records.

type GateInput = NonNullable<DatasetInput["border_gates"]>[number];
type FairInput = NonNullable<DatasetInput["fairs"]>[number];

const LIST_SEPARATOR = ";";
const cells = (prefix: string, text: I18nText | null): Record<string, string> => ({
  [`${prefix}_vi`]: text?.vi ?? "",
  [`${prefix}_zh`]: text?.zh ?? "",
  [`${prefix}_en`]: text?.en ?? "",
});

function table(columns: readonly string[], rows: Array<Record<string, string>>): ExportTable {
  return { headers: [...columns], rows: rows.map((row) => columns.map((column) => row[column] ?? "")) };
}

/** A deadline as the office's wall-clock time, as staff type it (`30/11/2026 23:59`); to the second if it has seconds. */
function wallClock(instant: string, timezone: string): string {
  const local = DateTime.fromISO(instant, { zone: timezone });
  return local.second === 0 ? local.toFormat("dd/MM/yyyy HH:mm") : local.toFormat("yyyy-MM-dd'T'HH:mm:ss");
}

/** When the file was written, on every row: the import then knows which records were changed here since. */
const exportedAtCell = (exportedAt: Date | undefined) => ({ exported_at: exportedAt?.toISOString() ?? "" });

/** The fairs as the fairs CSV; the deadline is read back in TIMEZONE. */
export function fairsTable(catalog: Catalog, timezone: string, exportedAt?: Date): ExportTable {
  return table(
    FAIR_COLUMNS,
    [...catalog.fairs.values()].map((fair) => ({
      id: fair.id,
      kind: fair.kind,
      ...cells("name", fair.name),
      ...cells("city", fair.city),
      ...cells("venue", fair.venue),
      province: fair.province,
      starts_on: fair.startsOn,
      ends_on: fair.endsOn,
      registration_deadline: wallClock(fair.registrationDeadline, timezone),
      booth_capacity: String(fair.boothCapacity),
      ...cells("booth_fee", fair.boothFee),
      ...cells("organizer", fair.organizer),
      ...cells("theme", fair.theme),
      sectors: fair.sectors.join(LIST_SEPARATOR),
      contact_id: fair.contactId ?? "",
      aliases: fair.aliases.join(LIST_SEPARATOR),
      ...exportedAtCell(exportedAt),
    })),
  );
}

/** The border gates as the gates CSV. */
export function gatesTable(catalog: Catalog, exportedAt?: Date): ExportTable {
  return table(
    GATE_COLUMNS,
    [...catalog.gates.values()].map((gate) => ({
      id: gate.id,
      ...cells("name", gate.name),
      ...cells("counterpart", gate.counterpart),
      province: gate.province,
      type: gate.type,
      modes: gate.modes.join(LIST_SEPARATOR),
      hours: gate.hours,
      phone: gate.phone ?? "",
      email: gate.email ?? "",
      contact_id: gate.contactId ?? "",
      aliases: gate.aliases.join(LIST_SEPARATOR),
      ...exportedAtCell(exportedAt),
    })),
  );
}

/** Everything (sectors, offices, gates, fairs) as a `trade-office-dataset/1` file; deadlines with their offset. */
export function catalogDataset(catalog: Catalog, timezone: string, exportedAt?: Date): DatasetInput {
  return {
    format: "trade-office-dataset/1",
    timezone,
    ...(exportedAt ? { exported_at: exportedAt.toISOString() } : {}),
    sectors: Object.fromEntries([...catalog.sectors.values()].map((s) => [s.id, s.name])),
    contacts: [...catalog.contacts.values()].map((c) => ({
      id: c.id,
      name: c.name,
      province: c.province,
      topics: c.topics,
      phone: c.phone,
      email: c.email,
      address: c.address,
    })),
    border_gates: [...catalog.gates.values()].map((g) => ({
      id: g.id,
      name: g.name,
      counterpart: g.counterpart,
      province: g.province,
      type: g.type,
      modes: g.modes as GateInput["modes"],
      hours: g.hours,
      phone: g.phone,
      email: g.email,
      contact_id: g.contactId,
      aliases: g.aliases,
    })),
    fairs: [...catalog.fairs.values()].map((f) => ({
      id: f.id,
      kind: f.kind as FairInput["kind"],
      name: f.name,
      city: f.city,
      venue: f.venue,
      province: f.province,
      starts_on: f.startsOn,
      ends_on: f.endsOn,
      registration_deadline: DateTime.fromISO(f.registrationDeadline, { zone: timezone }).toISO({ suppressMilliseconds: true })!,
      booth_capacity: f.boothCapacity,
      booth_fee: f.boothFee,
      organizer: f.organizer,
      theme: f.theme,
      sectors: f.sectors,
      contact_id: f.contactId,
      aliases: f.aliases,
    })),
  };
}
