import { type Kysely, sql } from "kysely";
import { isBusyError } from "./connection.js";
import type { Database } from "./schema.js";

/** How long a transaction waits, asynchronously, for another process's write lock before failing. */
const LOCK_WAIT_MS = 15_000;

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
  for (let pause = 20; ; pause = Math.min(pause * 2, 500)) {
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
