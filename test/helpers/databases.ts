import { randomBytes } from "node:crypto";
import pg from "pg";
import type { DB } from "../../src/platform/db/connection.js";
import type { Database } from "../../src/platform/db/schema.js";

/** The two databases the bot runs on; the suites that matter run on both. */
export type Dialect = "sqlite" | "postgres";
export const DIALECTS: readonly Dialect[] = ["sqlite", "postgres"];

/**
 * The PostgreSQL server tests make their databases on: TEST_DATABASE_URL, or this machine's
 * server (what .ci/run makes sure of).
 */
export const TEST_SERVER_URL = process.env.TEST_DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres";

/** Names of the databases of this test run start with this (see global-setup.ts, which drops them). */
export const runPrefix = () => `btb_test_${process.env.TEST_RUN_ID ?? "local"}_`;

/**
 * A new, empty PostgreSQL database of its own for a test file (or a test), and its URL: tests never
 * share rows, and run in parallel. Dropped at the end of the run.
 */
export async function freshPostgresDatabase(): Promise<string> {
  const name = `${runPrefix()}${randomBytes(5).toString("hex")}`;
  const client = new pg.Client({ connectionString: TEST_SERVER_URL });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(
      `PostgreSQL tests need a server: none at ${TEST_SERVER_URL} (${(error as Error).message}). Start one, or set TEST_DATABASE_URL; .ci/run does this.`,
    );
  }
  try {
    await client.query(`create database "${name}"`);
  } finally {
    await client.end();
  }
  const url = new URL(TEST_SERVER_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Drops the databases whose names start with `prefix`, even while a stray connection holds one. */
export async function dropPostgresDatabases(prefix: string): Promise<number> {
  const client = new pg.Client({ connectionString: TEST_SERVER_URL });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>("select datname from pg_database where starts_with(datname, $1)", [
      prefix,
    ]);
    for (const { datname } of rows) await client.query(`drop database if exists "${datname}" with (force)`);
    return rows.length;
  } finally {
    await client.end();
  }
}

/** How many rows a table holds. */
export async function countRows(db: DB, table: keyof Database): Promise<number> {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
