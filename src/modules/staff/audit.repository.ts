import type { Kysely } from "kysely";
import type { AuditRow, Database } from "../../platform/db/schema.js";

export interface AuditEntry {
  actorId: number;
  action: string;
  target?: string;
  recipients?: number;
  details?: unknown;
}

/** One entry of the audit log. */
export async function insertAudit(db: Kysely<Database>, entry: AuditEntry, now: Date): Promise<void> {
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

export type AuditLine = AuditRow & { actor_name: string | null; actor_username: string | null };

/** The newest entries (before the entry `beforeId`, for older pages), with the actor's name. */
export async function listAudit(db: Kysely<Database>, limit = 50, beforeId?: number): Promise<AuditLine[]> {
  let query = db
    .selectFrom("audit_log as a")
    .leftJoin("users as u", "u.id", "a.actor_id")
    .selectAll("a")
    .select(["u.first_name as actor_name", "u.username as actor_username"])
    .orderBy("a.id", "desc")
    .limit(limit);
  if (beforeId !== undefined) query = query.where("a.id", "<", beforeId);
  return query.execute();
}
