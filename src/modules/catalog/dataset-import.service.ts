import type { Kysely } from "kysely";
import type { z } from "zod";
import type { Database } from "../../platform/db/schema.js";
import { bumpCatalogVersion } from "./catalog-version.repository.js";
import { existingContactIds, upsertContact } from "./contacts.repository.js";
import { contactFromRecord, fairFromRecord, gateFromRecord } from "./dataset-records.js";
import { type Dataset, datasetSchema } from "./dataset-schema.js";
import { upsertFair } from "./fairs.repository.js";
import { upsertGate } from "./gates.repository.js";
import type { ImportProblem } from "./import-problem.js";
import { existingSectorIds, upsertSector } from "./sectors.repository.js";
import { changesUndone } from "./stale-import.js";

export type { ImportProblem } from "./import-problem.js";

export interface ImportSummary {
  sectors: number;
  contacts: number;
  gates: number;
  fairs: number;
  newFairIds: string[];
}

export class ImportError extends Error {
  /**
   * `newerHere`: the only problems are records changed here after the file was exported (at that
   * instant): the same file may be imported again on purpose, undoing those changes.
   */
  constructor(
    readonly problems: ImportProblem[],
    readonly newerHere?: { exportedAt: string },
  ) {
    super(
      `The data was not imported; nothing was changed:\n${problems.map(formatProblem).join("\n")}${
        newerHere ? "\nTo import it anyway, undoing those changes, run the import again with --force." : ""
      }`,
    );
    this.name = "ImportError";
  }
}

export interface ImportOptions {
  /** Import even records changed here after the file was exported (the staff said so). */
  overwriteNewer?: boolean;
}

export const formatProblem = (p: ImportProblem): string => `  - ${p.record}: ${p.field}: ${p.message}`;

const COLLECTIONS = ["contacts", "border_gates", "fairs"] as const;

/** A text over its limit, said in the staff member's language. */
function translationOf(issue: z.core.$ZodIssue): ImportProblem["translation"] {
  if (issue.code === "too_big" && issue.origin === "string") {
    return { key: "staff.import.problem.too_long", values: { max: Number(issue.maximum) } };
  }
  return undefined;
}

/** Names a zod issue after the record's id rather than its array index, which staff cannot see. */
function describeIssue(input: unknown, issue: z.core.$ZodIssue): ImportProblem {
  const translation = translationOf(issue);
  return translation ? { ...locateIssue(input, issue), translation } : locateIssue(input, issue);
}

function locateIssue(input: unknown, issue: z.core.$ZodIssue): ImportProblem {
  const [collection, index, ...rest] = issue.path;
  if (typeof collection === "string" && typeof index === "number") {
    const record = (input as Record<string, unknown[]>)[collection]?.[index] as { id?: unknown } | undefined;
    const name = typeof record?.id === "string" ? record.id : `#${index + 1}`;
    return { record: `${collection}[${name}]`, field: rest.join(".") || "(record)", message: issue.message };
  }
  if (collection === "sectors" && index !== undefined) {
    return { record: `sectors[${String(index)}]`, field: rest.join(".") || "(record)", message: issue.message };
  }
  return { record: "(file)", field: issue.path.join(".") || "(root)", message: issue.message };
}

/** Validates the shape of a dataset; cross-references are checked against the database at import. */
export function parseDataset(input: unknown): Dataset {
  const result = datasetSchema.safeParse(input);
  if (!result.success) throw new ImportError(result.error.issues.map((issue) => describeIssue(input, issue)));
  const problems: ImportProblem[] = [];
  for (const collection of COLLECTIONS) {
    const seen = new Set<string>();
    for (const record of result.data[collection]) {
      if (seen.has(record.id)) problems.push({ record: `${collection}[${record.id}]`, field: "id", message: "appears twice" });
      seen.add(record.id);
    }
  }
  if (problems.length > 0) throw new ImportError(problems);
  return result.data;
}

/**
 * Upserts a validated dataset by id in one transaction: either every record lands or none does.
 * References (contact_id, sectors) may point into the same file or at rows already stored.
 */
export async function importDataset(
  db: Kysely<Database>,
  data: Dataset,
  now: Date,
  options: ImportOptions = {},
): Promise<ImportSummary> {
  const nowIso = now.toISOString();
  return db.transaction().execute(async (trx) => {
    if (data.exported_at && !options.overwriteNewer) {
      const exportedAt = new Date(data.exported_at).toISOString();
      const stale = await changesUndone(trx, data, exportedAt);
      if (stale.length > 0) throw new ImportError(stale, { exportedAt });
    }
    const contactIds = new Set([...(await existingContactIds(trx)), ...data.contacts.map((c) => c.id)]);
    const sectorIds = new Set([...(await existingSectorIds(trx)), ...Object.keys(data.sectors)]);
    const problems: ImportProblem[] = [];
    const checkContact = (record: string, contactId: string | null | undefined) => {
      if (contactId && !contactIds.has(contactId)) {
        problems.push({ record, field: "contact_id", message: `no contact with id "${contactId}"` });
      }
    };
    for (const gate of data.border_gates) checkContact(`border_gates[${gate.id}]`, gate.contact_id);
    for (const fair of data.fairs) {
      checkContact(`fairs[${fair.id}]`, fair.contact_id);
      for (const sector of fair.sectors.filter((s) => !sectorIds.has(s))) {
        problems.push({ record: `fairs[${fair.id}]`, field: "sectors", message: `no sector with id "${sector}"` });
      }
    }
    if (problems.length > 0) throw new ImportError(problems);

    for (const [id, name] of Object.entries(data.sectors)) await upsertSector(trx, { id, name }, nowIso);
    for (const c of data.contacts) await upsertContact(trx, contactFromRecord(c), nowIso);
    for (const g of data.border_gates) await upsertGate(trx, gateFromRecord(g), nowIso);
    const newFairIds: string[] = [];
    for (const f of data.fairs) {
      if (await upsertFair(trx, fairFromRecord(f), nowIso)) newFairIds.push(f.id);
    }
    await bumpCatalogVersion(trx);
    return {
      sectors: Object.keys(data.sectors).length,
      contacts: data.contacts.length,
      gates: data.border_gates.length,
      fairs: data.fairs.length,
      newFairIds,
    };
  });
}
