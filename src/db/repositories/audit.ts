import type { Kysely } from "kysely";
import type { AuditRow, Database } from "../schema.js";

export interface AuditEntry {
  actorId: number;
  action: string;
  target?: string;
  recipients?: number;
  details?: unknown;
}

/** Writes who did what and to how many; `at` is the caller's clock. */
export async function recordAudit(db: Kysely<Database>, entry: AuditEntry, now: Date): Promise<void> {
  await db
    .insertInto("audit_log")
    .values({
      at: now.toISOString(),
      actor_id: entry.actorId,
      action: entry.action,
      target: entry.target ?? null,
      recipients: entry.recipients ?? null,
      details: entry.details === undefined ? null : JSON.stringify(entry.details),
    })
    .execute();
}

export async function listAudit(db: Kysely<Database>, limit = 50): Promise<AuditRow[]> {
  return db.selectFrom("audit_log").selectAll().orderBy("id", "desc").limit(limit).execute();
}
