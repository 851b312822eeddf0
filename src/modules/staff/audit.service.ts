import type { Kysely } from "kysely";
import type { Database } from "../../platform/db/schema.js";
import { type AuditEntry, insertAudit } from "./audit.repository.js";

export type { AuditEntry } from "./audit.repository.js";

/**
 * Writes who did what and to how many; `at` is the caller's clock. Pass the transaction of the
 * action itself, so an action is never done without its entry (or the entry kept without it).
 */
export async function recordAudit(db: Kysely<Database>, entry: AuditEntry, now: Date): Promise<void> {
  await insertAudit(db, entry, now);
}
