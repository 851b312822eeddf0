import fs from "node:fs";
import SqliteDatabase from "better-sqlite3";

/** A running bot or command may hold the write lock for a moment; a backup waits this long for it. */
const BUSY_TIMEOUT_MS = 15_000;

/**
 * A consistent copy of a live SQLite database in one file, with `VACUUM INTO`: it reads one
 * snapshot, so writes the bot commits meanwhile are either all in the copy or not at all, and it
 * folds in what still sits in the WAL. Copying bot.sqlite and bot.sqlite-wal as files could catch
 * them at different moments. The copy is then checked (`pragma quick_check`).
 */
export function snapshotSqlite(sourcePath: string, targetPath: string): void {
  if (!fs.existsSync(sourcePath)) throw new Error(`${sourcePath} does not exist: nothing to back up`);
  if (fs.existsSync(targetPath)) throw new Error(`${targetPath} already exists; a backup never overwrites a file`);
  const source = new SqliteDatabase(sourcePath, { readonly: true, fileMustExist: true });
  try {
    source.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    source.prepare("vacuum into ?").run(targetPath);
  } finally {
    source.close();
  }
  const problem = quickCheck(targetPath);
  if (problem) throw new Error(`the copy in ${targetPath} failed its check: ${problem}`);
}

/** SQLite's own check of a database file; undefined when it is sound, else what it found. */
export function quickCheck(filePath: string): string | undefined {
  const copy = new SqliteDatabase(filePath, { readonly: true, fileMustExist: true });
  try {
    const result = copy.pragma("quick_check", { simple: true });
    return result === "ok" ? undefined : String(result);
  } finally {
    copy.close();
  }
}

/**
 * Whether some process seems to have the database open: in WAL mode SQLite keeps `-wal` and
 * `-shm` beside the file while any connection is open and removes them when the last one closes
 * cleanly (they also stay after a crash, which a restart of the bot tidies up).
 */
export function sqliteLooksOpen(filePath: string): boolean {
  return fs.existsSync(`${filePath}-wal`) || fs.existsSync(`${filePath}-shm`);
}

/** The files that make up a SQLite database on disk: the file, its WAL and its shared-memory index. */
export const sqliteFiles = (filePath: string): string[] => [filePath, `${filePath}-wal`, `${filePath}-shm`];
