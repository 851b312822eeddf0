import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/** The folder under DATA_DIR that holds every file the bot keeps; a backup copies it whole. */
export const STORED_FILES_DIR = "files";

/**
 * Writes `bytes` under DATA_DIR/files/<folder>/ and returns its path relative to DATA_DIR, the
 * form the database stores (so DATA_DIR may move). The name is the content's SHA-256: the same
 * file sent twice, or a conversation step replayed, writes one file, and a name never clashes.
 * Written to a temporary name, synced, then renamed: a crash leaves the old state or the whole
 * file, never half a licence under its final name.
 */
export function storeFile(dataDir: string, folder: string, bytes: Uint8Array, extension: string): string {
  const hash = crypto.createHash("sha256").update(bytes).digest("hex");
  const relative = path.posix.join(STORED_FILES_DIR, folder, `${hash}.${extension}`);
  const target = path.join(dataDir, relative);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  if (fs.existsSync(target)) {
    // Sent again: the file is in use anew, so the clean-up of unused files must not take it yet.
    const now = new Date();
    fs.utimesSync(target, now, now);
    return relative;
  }
  const temporary = `${target}.${process.pid}.${crypto.randomBytes(4).toString("hex")}.tmp`;
  const fd = fs.openSync(temporary, "w", 0o640);
  try {
    fs.writeSync(fd, bytes);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(temporary, target);
  return relative;
}

/**
 * The absolute path of a stored file, or undefined when it is not there (a backup restored
 * without its files). A path from the database that would leave DATA_DIR/files is refused.
 */
export function storedFilePath(dataDir: string, relative: string): string | undefined {
  const root = path.resolve(dataDir, STORED_FILES_DIR);
  const absolute = path.resolve(dataDir, relative);
  if (!absolute.startsWith(`${root}${path.sep}`)) return undefined;
  return fs.existsSync(absolute) ? absolute : undefined;
}

/** Files of `folder` last written or re-sent before `before`, as paths relative to DATA_DIR. */
export function storedFilesOlderThan(dataDir: string, folder: string, before: Date): string[] {
  const dir = path.join(dataDir, STORED_FILES_DIR, folder);
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((name) => fs.statSync(path.join(dir, name)).mtime < before)
    .map((name) => path.posix.join(STORED_FILES_DIR, folder, name));
}

/** Deletes a stored file (relative to DATA_DIR); one already gone is fine. */
export function deleteStoredFile(dataDir: string, relative: string): void {
  const absolute = storedFilePath(dataDir, relative);
  if (absolute) fs.rmSync(absolute, { force: true });
}
