import { createDatabase, type DB } from "../platform/db/connection.js";
import { migrateToLatest } from "../platform/db/migrate.js";

/**
 * The frame of the operators' commands: opens the database named by the configuration and
 * migrates it, runs `work`, prints a failure as one line, closes the database and exits with 0,
 * or 1 on failure.
 */
export async function runWithDatabase(database: string, work: (db: DB) => Promise<void>): Promise<never> {
  const db = createDatabase(database);
  let exitCode = 0;
  try {
    await migrateToLatest(db);
    await work(db);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    exitCode = 1;
  } finally {
    await db.destroy();
  }
  process.exit(exitCode);
}

/** Prints the usage and exits with 2 (a wrong command line). */
export function exitWithUsage(usage: string): never {
  console.error(usage);
  process.exit(2);
}
