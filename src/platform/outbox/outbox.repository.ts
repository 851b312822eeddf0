import type { Kysely } from "kysely";
import { writeInChunks } from "../db/chunks.js";
import type { Database, OutboxRow, OutboxState } from "../db/schema.js";

export interface NewOutboxMessage {
  kind: string;
  dedupeKey: string;
  chatId: number;
  payload: unknown;
  notBefore: string;
  broadcastId?: number;
}

// SQLite accepts 32,766 bound values per statement; 7 columns × 500 rows stays far below.
const INSERT_CHUNK = 500;

/**
 * Queues messages; a dedupe key already in the outbox is skipped, so queuing the same thing twice
 * sends it once. Pass the transaction that writes whatever the messages belong to.
 */
export async function enqueue(db: Kysely<Database>, messages: NewOutboxMessage[], now: string): Promise<number> {
  return writeInChunks(messages, INSERT_CHUNK, async (chunk) => {
    const rows = chunk.map((m) => ({
      kind: m.kind,
      dedupe_key: m.dedupeKey,
      chat_id: m.chatId,
      payload: JSON.stringify(m.payload),
      not_before: m.notBefore,
      broadcast_id: m.broadcastId ?? null,
      created_at: now,
      updated_at: now,
    }));
    const result = await db
      .insertInto("outbox")
      .values(rows)
      .onConflict((oc) => oc.column("dedupe_key").doNothing())
      .executeTakeFirst();
    return result.numInsertedOrUpdatedRows;
  });
}

/** The oldest queued row that is due, skipping chats that must wait; not yet claimed. */
export async function nextDue(db: Kysely<Database>, now: string, skipChats: number[]): Promise<OutboxRow | undefined> {
  let query = db
    .selectFrom("outbox")
    .selectAll()
    .where("state", "=", "queued")
    .where("not_before", "<=", now)
    .orderBy("not_before")
    .orderBy("id")
    .limit(1);
  if (skipChats.length > 0) query = query.where("chat_id", "not in", skipChats);
  return query.executeTakeFirst();
}

/** Who claims a row and until when (real time, ISO): see {@link claim}. */
export interface Lease {
  owner: string;
  until: string;
}

/**
 * Marks a queued row as in flight, leased to `lease.owner`, and returns it as it is now: its
 * message may have been rewritten (an edit of a message not sent yet) while the sender waited its
 * turn. Undefined when it is no longer queued (cancelled, or claimed by another sender meanwhile).
 */
export async function claim(db: Kysely<Database>, id: number, now: string, lease: Lease): Promise<OutboxRow | undefined> {
  return db
    .updateTable("outbox")
    .set({ state: "sending", updated_at: now, claimed_by: lease.owner, lease_until: lease.until })
    .where("id", "=", id)
    .where("state", "=", "queued")
    .returningAll()
    .executeTakeFirst();
}

/** The row is still in flight under this claim (not put back or taken over meanwhile by another sender). */
type Claimed = Pick<OutboxRow, "id" | "claimed_by">;

export async function finish(
  db: Kysely<Database>,
  row: Claimed,
  state: Extract<OutboxState, "sent" | "failed" | "blocked">,
  now: string,
  error?: string,
  messageId?: number,
): Promise<void> {
  await db
    .updateTable("outbox")
    .set({
      state,
      updated_at: now,
      last_error: error ?? null,
      lease_until: null,
      ...(state === "sent" ? { sent_at: now, message_id: messageId ?? null } : {}),
    })
    .where("id", "=", row.id)
    .where("state", "=", "sending")
    .where((eb) => (row.claimed_by === null ? eb("claimed_by", "is", null) : eb("claimed_by", "=", row.claimed_by)))
    .execute();
}

/** Puts an in-flight row back in the queue, due at `notBefore`; `failed` counts an attempt. */
export async function requeue(
  db: Kysely<Database>,
  row: Claimed,
  options: { now: string; notBefore?: string; error?: string; countAttempt: boolean },
): Promise<void> {
  await db
    .updateTable("outbox")
    .set((eb) => ({
      state: "queued",
      updated_at: options.now,
      claimed_by: null,
      lease_until: null,
      ...(options.notBefore ? { not_before: options.notBefore } : {}),
      ...(options.error ? { last_error: options.error } : {}),
      ...(options.countAttempt ? { attempts: eb("attempts", "+", 1) } : {}),
    }))
    .where("id", "=", row.id)
    .where("state", "=", "sending")
    .where((eb) => (row.claimed_by === null ? eb("claimed_by", "is", null) : eb("claimed_by", "=", row.claimed_by)))
    .execute();
}

/** The senders that hold rows in flight now (null: a row claimed before leases existed). */
export async function inFlightOwners(db: Kysely<Database>): Promise<Array<string | null>> {
  const rows = await db.selectFrom("outbox").select("claimed_by").distinct().where("state", "=", "sending").execute();
  return rows.map((row) => row.claimed_by);
}

/**
 * Rows in flight whose sender is gone go back to the queue: its lease ran out (`realNow`, ISO), it
 * is one of `deadOwners`, or it claimed the row before leases existed. Whether Telegram got those
 * requests is unknown, so each may reach its chat twice: the price of losing nothing. Rows another
 * live sender holds are left alone.
 */
export async function reclaimAbandoned(
  db: Kysely<Database>,
  options: { now: string; realNow: string; deadOwners: string[] },
): Promise<number> {
  const result = await db
    .updateTable("outbox")
    .set({ state: "queued", updated_at: options.now, claimed_by: null, lease_until: null })
    .where("state", "=", "sending")
    .where((eb) =>
      eb.or([
        eb("claimed_by", "is", null),
        eb("lease_until", "is", null),
        eb("lease_until", "<", options.realNow),
        ...(options.deadOwners.length > 0 ? [eb("claimed_by", "in", options.deadOwners)] : []),
      ]),
    )
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

const PAUSE_KEY = "outbox_paused_until";

/**
 * Telegram's 429 pause, kept in the database so that every process sending for this bot (the bot,
 * the operators' command, a restart) honours it: real time in milliseconds since the epoch.
 */
export function sharedPause(db: Kysely<Database>) {
  return {
    async load(): Promise<number | undefined> {
      const row = await db.selectFrom("meta").select("value").where("key", "=", PAUSE_KEY).executeTakeFirst();
      const until = row ? Date.parse(row.value) : Number.NaN;
      return Number.isNaN(until) ? undefined : until;
    },
    /** Extends the pause to `until`; a longer pause already stored is kept. */
    async save(until: number): Promise<void> {
      const value = new Date(until).toISOString();
      await db
        .insertInto("meta")
        .values({ key: PAUSE_KEY, value })
        .onConflict((oc) =>
          oc.column("key").doUpdateSet((eb) => ({
            value: eb.case().when(eb.ref("meta.value"), "<", value).then(value).else(eb.ref("meta.value")).end(),
          })),
        )
        .execute();
    },
  };
}

export type StateCounts = Record<OutboxState, number>;

const emptyCounts = (): StateCounts => ({ queued: 0, sending: 0, sent: 0, failed: 0, blocked: 0, cancelled: 0 });

/** How many rows are in each state: of one broadcast, or of the whole outbox. */
export async function countStates(db: Kysely<Database>, broadcastId?: number): Promise<StateCounts> {
  let query = db
    .selectFrom("outbox")
    .select((eb) => ["state", eb.fn.countAll<number>().as("n")])
    .groupBy("state");
  if (broadcastId !== undefined) query = query.where("broadcast_id", "=", broadcastId);
  const counts = emptyCounts();
  for (const row of await query.execute()) counts[row.state] = Number(row.n);
  return counts;
}

/** Drops the rows of a broadcast still waiting; the one in flight, if any, completes. */
export async function cancelQueued(db: Kysely<Database>, broadcastId: number, now: string): Promise<number> {
  const result = await db
    .updateTable("outbox")
    .set({ state: "cancelled", updated_at: now })
    .where("broadcast_id", "=", broadcastId)
    .where("state", "=", "queued")
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/**
 * Deletes rows that finished (sent, failed, blocked, cancelled) before `before`: reminders' rows,
 * whose delivery records still keep them from going out twice, and rows of broadcasts whose final
 * figures are kept with the broadcast. Returns how many.
 */
export async function purgeFinishedBefore(db: Kysely<Database>, before: string): Promise<number> {
  const result = await db
    .deleteFrom("outbox")
    .where("state", "in", ["sent", "failed", "blocked", "cancelled"])
    .where("updated_at", "<", before)
    .where((eb) =>
      eb.or([
        eb("broadcast_id", "is", null),
        eb("broadcast_id", "in", eb.selectFrom("broadcasts").select("id").where("final_counts", "is not", null)),
      ]),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
