import fs from "node:fs";
import path from "node:path";

import SqliteDatabase from "better-sqlite3";
import { Kysely, SqliteDialect } from "kysely";
import { createPostgresDatabase, isPostgresUrl } from "./postgres.js";
import type { Database } from "./schema.js";

export type DB = Kysely<Database>;

/** Enough for every query shape the app runs; variable-length `in (…)` lists and chunked inserts are evicted first. */
const MAX_CACHED_STATEMENTS = 500;

const handles = new WeakMap<Kysely<Database>, { dataVersion(): number }>();

/**
 * How long the bot waits, blocked, for another process's write lock (a CLI import, a backup).
 * better-sqlite3 is synchronous: a longer wait would freeze every chat. Transactions wait on
 * asynchronously instead (immediateTransaction); a write that finds the lock taken fails with
 * SQLITE_BUSY, and users are told to try again.
 */
export const BOT_BUSY_TIMEOUT_MS = 100;

/** Whether a database error is SQLite's "the database is locked" (another writer holds it); PostgreSQL waits instead. */
export const isBusyError = (error: unknown): boolean =>
  typeof (error as { code?: unknown })?.code === "string" && (error as { code: string }).code.startsWith("SQLITE_BUSY");

/**
 * Opens the database `location` names: a `postgres://` URL, or a SQLite file (created if needed):
 * WAL, foreign keys on, and a busy timeout for other processes (5 s for the command-line tools,
 * which may wait; the bot passes BOT_BUSY_TIMEOUT_MS).
 */
export function createDatabase(location: string, options: { busyTimeoutMs?: number } = {}): DB {
  if (isPostgresUrl(location)) return createPostgresDatabase(location);
  const filePath = location;
  if (filePath !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(filePath)), { recursive: true });
  const sqlite = new SqliteDatabase(filePath);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
  sqlite.pragma("synchronous = NORMAL");
  const dataVersion = sqlite.prepare("pragma data_version").pluck(); // before the cache: pluck() changes the statement
  reusePreparedStatements(sqlite);
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  let thisTurn: number | undefined;
  handles.set(db, {
    dataVersion: () => {
      if (thisTurn === undefined) {
        thisTurn = dataVersion.get() as number;
        setImmediate(() => (thisTurn = undefined));
      }
      return thisTurn;
    },
  });
  return db;
}

/**
 * Kysely's SQLite driver prepares every query again, and SQLite's compiling of the SQL costs more
 * than running the small queries the bot makes per update (see bench/README.md). The same SQL
 * text gets the same statement back unless it is busy (an iterator still open on it). SQLite
 * re-prepares a statement by itself when the schema changes.
 */
function reusePreparedStatements(sqlite: SqliteDatabase.Database): void {
  const prepare = sqlite.prepare.bind(sqlite);
  const statements = new Map<string, SqliteDatabase.Statement>();
  sqlite.prepare = ((source: string) => {
    const cached = statements.get(source);
    if (cached && !cached.busy) {
      statements.delete(source); // re-inserted last: the least recently used is evicted first
      statements.set(source, cached);
      return cached;
    }
    const statement = prepare(source);
    statements.set(source, statement);
    if (statements.size > MAX_CACHED_STATEMENTS) statements.delete(statements.keys().next().value!);
    return statement;
  }) as typeof sqlite.prepare;
}

/**
 * SQLite's data_version of this handle: it changes when another connection (another process, a CLI
 * import) commits, never for this handle's own writes. Caches of this handle compare it. Undefined
 * for a handle not made by createDatabase (a transaction), and on PostgreSQL, which has no such
 * counter: there nothing is cached, as another instance may write at any time.
 *
 * Read once per turn of the event loop: anything another process tells us after its commit (an
 * update, a request) arrives in a later turn, and one read serves every cache of a turn (a batch
 * of updates starts in one), where a read per lookup cost as much as the lookup it saved.
 */
export function dataVersion(db: Kysely<Database>): number | undefined {
  return handles.get(db)?.dataVersion();
}
