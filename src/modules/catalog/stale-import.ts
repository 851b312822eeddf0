import type { Kysely } from "kysely";
import type { Database } from "../../platform/db/schema.js";
import { loadCatalog } from "./catalog.service.js";
import { changedSince } from "./catalog-changes.repository.js";
import { contactFromRecord, fairFromRecord, gateFromRecord } from "./dataset-records.js";
import type { Dataset } from "./dataset-schema.js";
import type { ImportProblem } from "./import-problem.js";

/** The fields whose values differ between what is stored and what the file has, named as in the file. */
function differingFields(stored: object, incoming: object): string[] {
  const before = stored as Record<string, unknown>;
  return Object.entries(incoming)
    .filter(([field, value]) => JSON.stringify(value) !== JSON.stringify(before[field]))
    .map(([field]) => field.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`));
}

/**
 * Records the file would change although they were changed here after the file was exported:
 * importing an older download would silently undo those edits. Records the file leaves as they
 * are, and files without an export time (made by hand), are not held back.
 */
export async function changesUndone(db: Kysely<Database>, data: Dataset, exportedAt: string): Promise<ImportProblem[]> {
  const changed = await changedSince(db, exportedAt);
  const total = changed.sectors.size + changed.contacts.size + changed.border_gates.size + changed.fairs.size;
  if (total === 0) return [];
  const catalog = await loadCatalog(db);
  const problems: ImportProblem[] = [];
  const check = (record: string, stored: object | undefined, incoming: object) => {
    if (!stored) return;
    const fields = differingFields(stored, incoming);
    if (fields.length === 0) return;
    problems.push({
      record,
      field: fields.join(", "),
      message: "changed here after this file was exported; importing it would undo that",
      translation: { key: "staff.import.problem.newer_here", values: {} },
    });
  };
  for (const [id, name] of Object.entries(data.sectors)) {
    if (changed.sectors.has(id)) check(`sectors[${id}]`, { name: catalog.sectors.get(id)?.name }, { name });
  }
  for (const c of data.contacts) {
    if (changed.contacts.has(c.id)) check(`contacts[${c.id}]`, catalog.contacts.get(c.id), contactFromRecord(c));
  }
  for (const g of data.border_gates) {
    if (changed.border_gates.has(g.id)) check(`border_gates[${g.id}]`, catalog.gates.get(g.id), gateFromRecord(g));
  }
  for (const f of data.fairs) {
    if (changed.fairs.has(f.id)) check(`fairs[${f.id}]`, catalog.fairs.get(f.id), fairFromRecord(f));
  }
  return problems;
}
