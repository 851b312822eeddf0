import { type Kysely, sql } from "kysely";
import type { Database } from "./schema.js";

/**
 * A write transaction begun with BEGIN IMMEDIATE: it takes SQLite's write lock before the first
 * read, so a check ("booths left") and the insert that depends on it cannot interleave with another
 * writer — another process included (busy_timeout makes that one wait). Kysely's transaction()
 * begins DEFERRED, which would let two writers read the same count and both insert.
 */
export async function immediateTransaction<T>(db: Kysely<Database>, work: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
  return db.connection().execute(async (conn) => {
    await sql`begin immediate`.execute(conn);
    try {
      const result = await work(conn);
      await sql`commit`.execute(conn);
      return result;
    } catch (error) {
      await sql`rollback`.execute(conn);
      throw error;
    }
  });
}
