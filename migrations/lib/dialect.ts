import { type ColumnDefinitionBuilder, type Kysely, PostgresAdapter, type RawBuilder, sql } from "kysely";

// Frozen in time like the migrations that use it: what a change of these would alter in a
// database already made is decided by a new migration, never by editing this file.
// Migrations are written once for SQLite and PostgreSQL; these are the places where the two differ.

export const onPostgres = (db: Kysely<any>): boolean => db.getExecutor().adapter instanceof PostgresAdapter;

/**
 * A Telegram id (a user, a chat, an update): bigint on PostgreSQL, where a supergroup's id such as
 * -1001234567890 overflows int4. SQLite's INTEGER holds 64 bits already.
 */
export const telegramId = (db: Kysely<any>) => (onPostgres(db) ? "bigint" : "integer");

/** A table's own id, counted by the database: AUTOINCREMENT on SQLite, an identity column on PostgreSQL. */
export const serialId =
  (db: Kysely<any>) =>
  (column: ColumnDefinitionBuilder): ColumnDefinitionBuilder =>
    onPostgres(db) ? column.primaryKey().generatedByDefaultAsIdentity() : column.primaryKey().autoIncrement();

/**
 * The current UTC time as text in SQLite's CURRENT_TIMESTAMP form (2026-11-23 02:00:00), so that a
 * column's default reads the same on both databases; PostgreSQL's own would add a fraction and a zone.
 */
export const nowText = (db: Kysely<any>): RawBuilder<string> =>
  onPostgres(db) ? sql`to_char(now() at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS')` : sql`CURRENT_TIMESTAMP`;
