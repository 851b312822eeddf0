import fs from "node:fs";
import path from "node:path";
import { sql } from "kysely";
import { BOT_BUSY_TIMEOUT_MS, createDatabase, type DB } from "./connection.js";
import { migrateToLatest } from "./migrate.js";
import { databaseLabel, isPostgresUrl } from "./postgres.js";
import type { Database } from "./schema.js";

/** Every table the bot expects after its migrations; a Record so that a table added to Database must be listed. */
const TABLES: Record<keyof Database, true> = {
  meta: true,
  sectors: true,
  contacts: true,
  border_gates: true,
  fairs: true,
  fair_sectors: true,
  users: true,
  registrations: true,
  reference_sequences: true,
  conversations: true,
  broadcasts: true,
  outbox: true,
  audit_log: true,
  staff_menus: true,
  subscriptions: true,
  reminder_deliveries: true,
  telegram_updates: true,
};

/** A database the bot refuses to start on; the message names the file and the variable that chose it. */
export class DatabaseCheckError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DatabaseCheckError";
  }
}

const ADVICE = "Restore the file from a backup, or point the variable at the right file.";

/**
 * Opens the bot's database and applies pending migrations, after checking that it is sound and
 * the bot's own: a SQLite file of 0 bytes (left by a failed copy) would otherwise start as an empty
 * catalog, and damaged pages would be found only by the query that reads them. `variable` is the
 * setting that named the database, for the message. Returns the database and the migrations applied.
 */
export async function openCheckedDatabase(location: string, variable: string): Promise<{ db: DB; applied: string[] }> {
  return isPostgresUrl(location) ? openCheckedPostgres(location, variable) : openCheckedSqlite(location, variable);
}

async function openCheckedPostgres(url: string, variable: string): Promise<{ db: DB; applied: string[] }> {
  const where = `${variable} points to ${databaseLabel(url)}`;
  const db = createDatabase(url);
  try {
    await sql`select 1`.execute(db).catch((error: unknown) => {
      throw new DatabaseCheckError(
        `${where}, which cannot be reached (${reason(error)}). Check that the server runs, accepts connections from this machine, and that the user, password and database name are right.`,
      );
    });
    return { db, applied: await migrateChecked(db, where) };
  } catch (error) {
    await db.destroy();
    throw error;
  }
}

async function openCheckedSqlite(filePath: string, variable: string): Promise<{ db: DB; applied: string[] }> {
  const where = filePath === ":memory:" ? `${variable} (:memory:)` : `${variable} points to ${path.resolve(filePath)}`;
  if (filePath !== ":memory:" && fs.existsSync(filePath) && fs.statSync(filePath).size === 0) {
    throw new DatabaseCheckError(
      `${where}, which is empty (0 bytes), not a database the bot made. If this is a new installation, delete the file and the bot creates it; otherwise ${ADVICE.toLowerCase()}`,
    );
  }
  let db: DB;
  try {
    db = createDatabase(filePath, { busyTimeoutMs: BOT_BUSY_TIMEOUT_MS });
  } catch (error) {
    throw new DatabaseCheckError(`${where}, which cannot be opened as a SQLite database (${reason(error)}). ${ADVICE}`);
  }
  try {
    const problems = await sql<{ quick_check: string }>`pragma quick_check`.execute(db).catch((error: unknown) => {
      throw new DatabaseCheckError(`${where}, which cannot be read as a SQLite database (${reason(error)}). ${ADVICE}`);
    });
    const found = problems.rows.map((r) => r.quick_check).filter((line) => line !== "ok");
    if (found.length > 0) {
      throw new DatabaseCheckError(
        `${where}, which is damaged (SQLite's quick_check: ${found.slice(0, 3).join("; ")}${found.length > 3 ? "; …" : ""}). ${ADVICE}`,
      );
    }
    return { db, applied: await migrateChecked(db, where) };
  } catch (error) {
    await db.destroy();
    throw error;
  }
}

/** Applies pending migrations to a database that is empty or the bot's own, and checks every table is there. */
async function migrateChecked(db: DB, where: string): Promise<string[]> {
  const tables = new Set((await db.introspection.getTables({ withInternalKyselyTables: true })).map((t) => t.name));
  if (tables.size > 0 && !tables.has("kysely_migration")) {
    throw new DatabaseCheckError(
      `${where}, which holds tables but none of this bot's migrations: it is another program's database. ${ADVICE}`,
    );
  }
  const applied = await migrateToLatest(db);
  const present = new Set((await db.introspection.getTables()).map((t) => t.name));
  const missing = Object.keys(TABLES).filter((name) => !present.has(name));
  if (missing.length > 0) {
    throw new DatabaseCheckError(
      `${where}, which lacks the tables ${missing.join(", ")} although its migrations are recorded. ${ADVICE}`,
    );
  }
  return applied;
}

const reason = (error: unknown) => (error instanceof Error ? error.message : String(error));
