import { Kysely, PostgresAdapter, PostgresDialect } from "kysely";
import type pg from "pg";
import type { Database } from "./schema.js";

/** Whether a DATABASE_URL names a PostgreSQL server rather than a SQLite file. */
export const isPostgresUrl = (location: string): boolean => /^postgres(ql)?:\/\//i.test(location);

/** The database for messages and logs: a PostgreSQL URL without its password. */
export const databaseLabel = (location: string): string => location.replace(/^(postgres(?:ql)?:\/\/[^:/@]*):[^@/]*@/i, "$1:***@");

/** Whether a handle (the database or one of its transactions) talks to PostgreSQL. */
// biome-ignore lint/suspicious/noExplicitAny: any database's handle
export const isPostgres = (db: Kysely<any>): boolean => db.getExecutor().adapter instanceof PostgresAdapter;

// pg gives int8 (count(*), bigint ids) and numeric (sum over bigint) as strings, to be safe past
// 2^53. Telegram ids and our counts stay far below it, and the app reads numbers on both dialects.
function numbersAsNumbers(types: typeof pg.types): typeof pg.types.getTypeParser {
  const numeric = new Set<number>([types.builtins.INT8, types.builtins.NUMERIC]);
  return ((oid: number, format?: "text" | "binary") =>
    numeric.has(oid) ? (value: string) => Number(value) : types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser;
}

/**
 * A pool of connections to the PostgreSQL server of `url`. `poolSize` bounds the connections of
 * this process: a fleet of instances shares the server's max_connections (100 by default).
 */
export function createPostgresDatabase(url: string, options: { poolSize?: number } = {}): Kysely<Database> {
  // pg is loaded by the first query, so that a bot on SQLite never loads it.
  const pool = async () => {
    const { default: pg } = await import("pg");
    const created = new pg.Pool({
      connectionString: url,
      max: options.poolSize ?? 10,
      types: { getTypeParser: numbersAsNumbers(pg.types) },
      // A server that is down is reported within seconds, not after the OS's TCP timeout.
      connectionTimeoutMillis: 10_000,
      application_name: "border-trade-bot",
    });
    // An idle connection the server drops (a restart, a failover) must not crash the process.
    created.on("error", () => {});
    return created;
  };
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}
