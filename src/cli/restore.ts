import fs from "node:fs";
import path from "node:path";
import type { Config } from "../config.js";
import { loadConfigOrExit } from "../env.js";
import { openCheckedDatabase } from "../platform/db/check.js";
import { pgRestoreCommand } from "../platform/db/pg-dump.js";
import { isPostgresUrl } from "../platform/db/postgres.js";
import { quickCheck, sqliteFiles, sqliteLooksOpen } from "../platform/db/sqlite-backup.js";
import { BACKUP_DATABASE, BACKUP_PG_DUMP, backupStamp, copyStoredFiles } from "./backup-files.js";
import { exitWithUsage } from "./run.js";

const USAGE = `Usage: npm run restore -- <backup folder> [--force]
Puts a backup made by npm run backup back: the database at DATABASE_URL and the files under
DATA_DIR/files. An existing database is replaced only with --force (and kept beside it).`;

const args = process.argv.slice(2);
const force = args.includes("--force");
const [backup, ...extra] = args.filter((arg) => arg !== "--force");
if (!backup || extra.length > 0 || backup.startsWith("-")) exitWithUsage(USAGE);
const folder = path.resolve(backup);

/** Refuses to replace a database without --force; with it, moves the old one aside and says where. */
function clearTarget(target: string, now: Date): string | undefined {
  if (!fs.existsSync(target)) return undefined;
  const open = sqliteLooksOpen(target);
  if (!force) {
    throw new Error(
      `${target} already exists${open ? ` and looks in use (${path.basename(target)}-wal is there: a running bot or command has it open, or it stopped without closing it)` : ""}. ` +
        "Stop the bot first (e.g. systemctl stop), then run again with --force to replace it; the current database is kept beside it as a .before-restore file.",
    );
  }
  if (open) console.error(`Warning: ${target} looks in use; if a bot still runs on it, what it writes from now on is lost.`);
  const aside = `${target}.before-restore-${backupStamp(now)}`;
  // bot.sqlite-wal goes aside as bot.sqlite.before-restore-…-wal, beside its database.
  for (const file of sqliteFiles(target)) if (fs.existsSync(file)) fs.renameSync(file, aside + file.slice(target.length));
  return aside;
}

/** A folder that is missing, or the database file given instead of its folder, named as such. */
function checkFolder(): void {
  if (!fs.existsSync(folder)) throw new Error(`there is no folder ${folder}`);
  if (!fs.statSync(folder).isDirectory()) {
    throw new Error(
      `${folder} is a file; give the backup folder, the one that holds ${BACKUP_DATABASE} (or ${BACKUP_PG_DUMP}), files/ and backup.json`,
    );
  }
}

async function restoreSqlite(config: Config): Promise<number> {
  const source = path.join(folder, BACKUP_DATABASE);
  if (!fs.existsSync(source)) throw new Error(`${folder} holds no ${BACKUP_DATABASE}: not a backup made by npm run backup`);
  const problem = quickCheck(source);
  if (problem) throw new Error(`${source} is damaged (${problem}); take another backup`);
  const target = path.resolve(config.database);
  const aside = clearTarget(target, new Date());
  fs.mkdirSync(path.dirname(target), { recursive: true });
  // Copied under another name, then renamed: a restore cut short leaves no half database in place.
  const partial = `${target}.restoring`;
  fs.copyFileSync(source, partial);
  fs.renameSync(partial, target);
  const files = copyStoredFiles(folder, config.dataDir);
  // The check the bot makes at start: sound, the bot's own, and migrated to this version.
  const { db, applied } = await openCheckedDatabase(target, config.databaseVariable);
  await db.destroy();
  console.log(
    `Restored ${target} and ${files} stored files into ${path.resolve(config.dataDir)} from ${folder}` +
      (applied.length > 0 ? `; migrations applied: ${applied.join(", ")}` : "; the database is up to date") +
      (aside ? `. The database it replaced is ${aside}` : ""),
  );
  return 0;
}

/** PostgreSQL: pg_restore puts the dump back; the command is printed for the operator to run. */
function restorePostgres(databaseUrl: string, dataDir: string): number {
  const dump = path.join(folder, BACKUP_PG_DUMP);
  if (!fs.existsSync(dump)) throw new Error(`${folder} holds no ${BACKUP_PG_DUMP}: not a PostgreSQL backup`);
  const files = copyStoredFiles(folder, dataDir);
  const command = pgRestoreCommand(databaseUrl, dump);
  console.log(`Restored ${files} stored files. Stop the bot, then put the database back with:\n  ${command.printable}`);
  return 0;
}

const config = loadConfigOrExit();
try {
  checkFolder();
  process.exitCode = isPostgresUrl(config.database)
    ? restorePostgres(config.database, config.dataDir)
    : await restoreSqlite(config);
} catch (error) {
  console.error(`Restore failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
