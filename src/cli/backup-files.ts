import fs from "node:fs";
import path from "node:path";
import { STORED_FILES_DIR } from "../platform/files/stored-files.js";

/** The database's name inside a backup folder (SQLite), and the pg_dump file's (PostgreSQL). */
export const BACKUP_DATABASE = "bot.sqlite";
export const BACKUP_PG_DUMP = "database.pgdump";

/** 2026-12-02T10-15-30Z: a backup folder's name, sortable, and valid on every file system. */
export const backupStamp = (now: Date): string =>
  now
    .toISOString()
    .replace(/\.\d+Z$/, "Z")
    .replaceAll(":", "-");

/** `backups/<stamp>` under DATA_DIR unless the operator named a folder. */
export function backupTarget(dataDir: string, given: string | undefined, now: Date): string {
  return path.resolve(given ?? path.join(dataDir, "backups", backupStamp(now)));
}

/** Refuses a folder that already holds something: a backup never mixes with, or overwrites, another. */
export function prepareEmptyFolder(folder: string, dataDir: string): void {
  if (fs.existsSync(folder) && fs.readdirSync(folder).length > 0) {
    const dated = path.join(path.resolve(dataDir), "backups", "<date and time>");
    throw new Error(`${folder} is not empty; name a new folder (or none, for ${dated})`);
  }
  fs.mkdirSync(folder, { recursive: true });
}

/**
 * Copies the stored files (DATA_DIR/files) into `to`/files, leaving out files still being written
 * (their temporary names); returns how many were copied. Stored files are never changed once
 * written (a new licence is a new file), so copying them after the database snapshot gives every
 * file that snapshot names.
 */
export function copyStoredFiles(fromDataDir: string, to: string): number {
  const from = path.join(fromDataDir, STORED_FILES_DIR);
  if (!fs.existsSync(from)) return 0;
  let copied = 0;
  fs.cpSync(from, path.join(to, STORED_FILES_DIR), {
    recursive: true,
    force: true,
    filter: (source) => {
      if (source.endsWith(".tmp")) return false;
      if (fs.statSync(source).isFile()) copied++;
      return true;
    },
  });
  return copied;
}
