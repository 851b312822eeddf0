import type { Kysely } from "kysely";
import type { BroadcastRow, BroadcastStatus, Database } from "../../platform/db/schema.js";
import { countStates, type StateCounts } from "../../platform/outbox/outbox.repository.js";

export interface NewBroadcast {
  createdBy: number;
  content: unknown;
  audience: unknown;
  recipients: number;
  sendAt: string;
  status: Extract<BroadcastStatus, "scheduled" | "sending">;
  statusChatId: number;
  statusMessageId?: number;
}

export async function insertBroadcast(db: Kysely<Database>, broadcast: NewBroadcast, now: string): Promise<number> {
  const row = await db
    .insertInto("broadcasts")
    .values({
      created_by: broadcast.createdBy,
      status: broadcast.status,
      content: JSON.stringify(broadcast.content),
      audience: JSON.stringify(broadcast.audience),
      recipients: broadcast.recipients,
      send_at: broadcast.sendAt,
      status_chat_id: broadcast.statusChatId,
      status_message_id: broadcast.statusMessageId ?? null,
      started_at: broadcast.status === "sending" ? now : null,
      created_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function findBroadcast(db: Kysely<Database>, id: number): Promise<BroadcastRow | undefined> {
  return db.selectFrom("broadcasts").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function listRecentBroadcasts(db: Kysely<Database>, limit: number): Promise<BroadcastRow[]> {
  return db.selectFrom("broadcasts").selectAll().orderBy("id", "desc").limit(limit).execute();
}

/** Broadcasts whose author has not had the final report yet. */
export async function listUnreported(db: Kysely<Database>): Promise<BroadcastRow[]> {
  return db.selectFrom("broadcasts").selectAll().where("reported_at", "is", null).orderBy("id").execute();
}

export async function setStatusMessage(db: Kysely<Database>, id: number, messageId: number): Promise<void> {
  await db.updateTable("broadcasts").set({ status_message_id: messageId }).where("id", "=", id).execute();
}

export async function markStarted(db: Kysely<Database>, id: number, now: string): Promise<void> {
  await db
    .updateTable("broadcasts")
    .set({ status: "sending", started_at: now })
    .where("id", "=", id)
    .where("status", "=", "scheduled")
    .execute();
}

export async function markDone(db: Kysely<Database>, id: number, now: string): Promise<void> {
  await db
    .updateTable("broadcasts")
    .set({ status: "done", finished_at: now })
    .where("id", "=", id)
    .where("status", "in", ["scheduled", "sending"])
    .execute();
}

/** Marks a broadcast cancelled; false when it had already finished or been cancelled. */
export async function markCancelled(db: Kysely<Database>, id: number, by: number, now: string): Promise<boolean> {
  const result = await db
    .updateTable("broadcasts")
    .set({ status: "cancelled", cancelled_by: by, finished_at: now })
    .where("id", "=", id)
    .where("status", "in", ["scheduled", "sending"])
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

/** The final report went out: its figures are kept with the broadcast, for when its outbox rows are purged. */
export async function markReported(db: Kysely<Database>, id: number, now: string, counts: StateCounts): Promise<void> {
  await db
    .updateTable("broadcasts")
    .set({ reported_at: now, final_counts: JSON.stringify(counts) })
    .where("id", "=", id)
    .execute();
}

/** A broadcast's rows per outbox state: kept figures once reported, counted from the outbox before. */
export async function broadcastCounts(
  db: Kysely<Database>,
  broadcast: Pick<BroadcastRow, "id" | "final_counts">,
): Promise<StateCounts> {
  return broadcast.final_counts ? (JSON.parse(broadcast.final_counts) as StateCounts) : countStates(db, broadcast.id);
}
