import { type Kysely, sql } from "kysely";
import { isBusyError } from "./connection.js";
import { isPostgres } from "./postgres.js";
import type { Database } from "./schema.js";

/** How long a transaction waits, asynchronously, for another process's write lock before failing. */
const LOCK_WAIT_MS = 15_000;

const pauseAfter = (pause: number) => Math.min(pause * 2, 500);

/**
 * Runs `work` (writes that may be repeated: an update setting a state) again while it fails because
 * another process holds the write lock, pausing without blocking in between, for up to 15 s. For
 * writes that must not be lost but need no transaction, such as recording a message as sent.
 */
export async function whenNotBusy<T>(work: () => Promise<T>): Promise<T> {
  const giveUpAt = Date.now() + LOCK_WAIT_MS;
  for (let pause = 20; ; pause = pauseAfter(pause)) {
    try {
      return await work();
    } catch (error) {
      if (!isBusyError(error) || Date.now() + pause > giveUpAt) throw error;
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }
}

class BeginFailed extends Error {
  constructor(readonly cause: unknown) {
    super("begin immediate failed");
  }
}

/**
 * What a write transaction serialises with on PostgreSQL. "database": every other such
 * transaction, as on SQLite (an advisory lock held to the commit). "rows": only what `work` locks
 * itself with SELECT … FOR UPDATE (a fair's row for its capacity check), so sign-ups for different
 * fairs do not wait for one another. On SQLite both are BEGIN IMMEDIATE: one writer at a time.
 */
export type WriteScope = "database" | "rows";

/** The advisory lock key of "database"-scoped write transactions (any fixed number; ours: "BTB1"). */
const DATABASE_WRITE_LOCK = 0x42544231;

/**
 * A write transaction whose reads and the writes that depend on them ("booths left", then the
 * insert) cannot interleave with another writer's — another process or instance included.
 * SQLite: BEGIN IMMEDIATE takes the write lock before the first read (Kysely's transaction()
 * begins DEFERRED, which would let two writers read the same count and both insert). While another
 * process holds it, BEGIN is tried again after a pause, the connection free in between: SQLite's
 * own busy wait blocks the event loop, and so every chat. PostgreSQL: see WriteScope; a
 * transaction chosen to break a deadlock is run again.
 */
export async function immediateTransaction<T>(
  db: Kysely<Database>,
  work: (trx: Kysely<Database>) => Promise<T>,
  scope: WriteScope = "database",
): Promise<T> {
  if (isPostgres(db)) return postgresTransaction(db, work, scope);
  const giveUpAt = Date.now() + LOCK_WAIT_MS;
  for (let pause = 20; ; pause = pauseAfter(pause)) {
    try {
      return await db.connection().execute(async (conn) => {
        await sql`begin immediate`.execute(conn).catch((error: unknown) => {
          throw new BeginFailed(error);
        });
        try {
          const result = await work(conn);
          await sql`commit`.execute(conn);
          return result;
        } catch (error) {
          await sql`rollback`.execute(conn);
          throw error;
        }
      });
    } catch (error) {
      if (!(error instanceof BeginFailed)) throw error;
      if (!isBusyError(error.cause) || Date.now() + pause > giveUpAt) throw error.cause;
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }
}

/** PostgreSQL's codes for a transaction that lost a deadlock or a serialization conflict: safe to run again. */
const RETRYABLE = new Set(["40P01", "40001"]);

async function postgresTransaction<T>(
  db: Kysely<Database>,
  work: (trx: Kysely<Database>) => Promise<T>,
  scope: WriteScope,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction().execute(async (trx) => {
        if (scope === "database") await sql`select pg_advisory_xact_lock(${DATABASE_WRITE_LOCK})`.execute(trx);
        return work(trx);
      });
    } catch (error) {
      const code = (error as { code?: unknown })?.code;
      if (attempt >= 5 || typeof code !== "string" || !RETRYABLE.has(code)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 10 * attempt * Math.random()));
    }
  }
}
