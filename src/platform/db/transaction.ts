import { type Kysely, sql } from "kysely";
import { isBusyError } from "./connection.js";
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
 * A write transaction begun with BEGIN IMMEDIATE: it takes SQLite's write lock before the first
 * read, so a check ("booths left") and the insert that depends on it cannot interleave with another
 * writer — another process included. Kysely's transaction() begins DEFERRED, which would let two
 * writers read the same count and both insert.
 *
 * While another process holds the lock, BEGIN is tried again after a pause, the connection free in
 * between: SQLite's own busy wait blocks the event loop, and so every chat.
 */
export async function immediateTransaction<T>(db: Kysely<Database>, work: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
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
