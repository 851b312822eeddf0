import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import type { Config } from "../config.js";
import { loadConfigOrExit } from "../env.js";
import { pgDumpCommand } from "../platform/db/pg-dump.js";
import { isPostgresUrl } from "../platform/db/postgres.js";
import { snapshotSqlite } from "../platform/db/sqlite-backup.js";
import { BACKUP_DATABASE, BACKUP_PG_DUMP, backupTarget, copyStoredFiles, prepareEmptyFolder } from "./backup-files.js";
import { exitWithUsage } from "./run.js";

const USAGE = `Usage: npm run backup [-- <folder>]
Copies the database named by DATABASE_URL and the files under DATA_DIR/files into <folder>
(default: DATA_DIR/backups/<date and time>), safely while the bot runs. Put it back with
npm run restore -- <folder>.`;

const [given, ...rest] = process.argv.slice(2);
if (rest.length > 0 || given === "--help" || given?.startsWith("-")) exitWithUsage(USAGE);
const now = new Date();

/** PostgreSQL: pg_dump makes the consistent copy; the files are copied all the same. */
function backupPostgres(databaseUrl: string, dataDir: string): number {
  const folder = backupTarget(dataDir, given, now);
  prepareEmptyFolder(folder, dataDir);
  const dump = pgDumpCommand(databaseUrl, path.join(folder, BACKUP_PG_DUMP));
  const run = spawnSync(dump.command, dump.args, { stdio: "inherit", env: { ...process.env, ...dump.env } });
  const files = copyStoredFiles(dataDir, folder);
  if ((run.error as NodeJS.ErrnoException | undefined)?.code === "ENOENT") {
    console.error(
      `pg_dump is not installed here (PostgreSQL's client tools: apt install postgresql-client). Copied ${files} stored files to ${folder}; dump the database there with:\n  ${dump.printable}\n(the password from PGPASSWORD or ~/.pgpass)`,
    );
    return 1;
  }
  if (run.status !== 0) {
    console.error(`pg_dump failed (exit code ${run.status}); the command was:\n  ${dump.printable}`);
    return 1;
  }
  console.log(`Backed up the PostgreSQL database (${BACKUP_PG_DUMP}) and ${files} stored files to ${folder}`);
  return 0;
}

function backupSqlite(config: Config): number {
  if (config.database === ":memory:") {
    console.error("DATABASE_URL is :memory:, which no other process can read: there is nothing to back up.");
    return 1;
  }
  // Checked before a folder is made: a wrong DATABASE_URL in a nightly job leaves no empty folders.
  if (!fs.existsSync(config.database)) {
    console.error(`Backup failed: ${path.resolve(config.database)} does not exist; check ${config.databaseVariable}.`);
    return 1;
  }
  const folder = backupTarget(config.dataDir, given, now);
  prepareEmptyFolder(folder, config.dataDir);
  // The database first: every file it names was stored before it named it, so the copy of the
  // files that follows holds them all.
  snapshotSqlite(config.database, path.join(folder, BACKUP_DATABASE));
  const files = copyStoredFiles(config.dataDir, folder);
  const manifest = {
    made_at: now.toISOString(),
    database: path.resolve(config.database),
    data_dir: path.resolve(config.dataDir),
    files,
  };
  fs.writeFileSync(path.join(folder, "backup.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  console.log(`Backed up ${config.database} and ${files} stored files to ${folder}`);
  return 0;
}

const config = loadConfigOrExit();
try {
  process.exitCode = isPostgresUrl(config.database) ? backupPostgres(config.database, config.dataDir) : backupSqlite(config);
} catch (error) {
  console.error(`Backup failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
