import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { setImmediate as yieldToEvents } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openCheckedDatabase } from "../../src/platform/db/check.js";
import type { DB } from "../../src/platform/db/connection.js";
import { storeFile } from "../../src/platform/files/stored-files.js";
import { demoDatabase, TEST_NOW } from "../helpers/app.js";
import { countRows } from "../helpers/databases.js";
import { spawnMain } from "../helpers/process.js";
import { insertTestRegistration } from "../helpers/registrations.js";
import { seedUsers } from "../helpers/users.js";

const LAO_CAI = "vn-cn-laocai-2026";
let db: DB;
let file: string;
let dataDir: string;
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "border-bot-backup-"));
/** The licences the bot kept, by the path the database names them with. */
const licences = new Map<string, Buffer>();

beforeAll(async () => {
  ({ db, file } = await demoDatabase());
  dataDir = path.dirname(file);
  await seedUsers(db, 1, 3);
  for (const [i, userId] of [1, 2, 3].entries()) {
    const bytes = Buffer.from(`%PDF-1.4 licence of company ${i}\n%%EOF\n`);
    const stored = storeFile(dataDir, "licences", bytes, "pdf");
    licences.set(stored, bytes);
    const row = await insertTestRegistration(db, new Date(TEST_NOW), { fairId: LAO_CAI, userId, status: "pending", booths: 1 });
    await db
      .updateTable("registrations")
      .set({ licence_path: stored, licence_file_id: `file-${i}` })
      .where("id", "=", row.id)
      .execute();
  }
});
afterAll(async () => {
  await db.destroy();
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.rmSync(scratch, { recursive: true, force: true });
});

const run = (script: string, env: Record<string, string>, args: string[]) => spawnMain(env, `src/cli/${script}.ts`, args);
const countUsers = (of: DB) => countRows(of, "users");

describe("npm run backup and npm run restore", () => {
  const backup = path.join(scratch, "backup");
  const fresh = path.join(scratch, "fresh");
  let committedBefore = 0;
  let committedAfter = 0;

  it("backs up while the bot writes, without copying the live WAL", async () => {
    // Another connection writes users one by one all through the backup, as a running bot would.
    let writing = true;
    let next = 10_000;
    const writer = (async () => {
      while (writing) {
        await seedUsers(db, next++, 1);
        await yieldToEvents();
      }
    })();
    while (next < 10_050) await yieldToEvents();
    committedBefore = await countUsers(db);
    expect(fs.existsSync(`${file}-wal`)).toBe(true);
    const made = run("backup", { DATABASE_URL: file, DATA_DIR: dataDir }, [backup]);
    const code = await made.exited;
    writing = false;
    await writer;
    committedAfter = await countUsers(db);
    expect(code, made.output()).toBe(0);
    expect(made.output()).toContain("3 stored files");
    expect(fs.readdirSync(backup).sort()).toEqual(["backup.json", "bot.sqlite", "files"]);
    expect(committedAfter).toBeGreaterThan(committedBefore);
  });

  it("restores into a fresh place: the database opens, passes its check and migrations, and every licence is there", async () => {
    const restored = run("restore", { DATABASE_URL: path.join(fresh, "bot.sqlite"), DATA_DIR: fresh }, [backup]);
    expect(await restored.exited, restored.output()).toBe(0);
    const { db: copy, applied } = await openCheckedDatabase(path.join(fresh, "bot.sqlite"), "DATABASE_URL");
    try {
      expect(applied).toEqual([]);
      const users = await countUsers(copy);
      // Everything committed before the backup began, and nothing half-written after it.
      expect(users).toBeGreaterThanOrEqual(committedBefore);
      expect(users).toBeLessThanOrEqual(committedAfter);
      const rows = await copy.selectFrom("registrations").select(["licence_path", "company"]).execute();
      expect(rows.map((row) => row.licence_path).sort()).toEqual([...licences.keys()].sort());
      for (const row of rows)
        expect(fs.readFileSync(path.join(fresh, row.licence_path!))).toEqual(licences.get(row.licence_path!));
    } finally {
      await copy.destroy();
    }
  });

  it("refuses to replace a database that exists unless told, says why, and with --force keeps the old one beside it", async () => {
    const target = path.join(fresh, "bot.sqlite");
    const refused = run("restore", { DATABASE_URL: target, DATA_DIR: fresh }, [backup]);
    expect(await refused.exited).toBe(1);
    expect(refused.output()).toContain("already exists");
    expect(refused.output()).toContain("--force");

    const forced = run("restore", { DATABASE_URL: target, DATA_DIR: fresh }, [backup, "--force"]);
    expect(await forced.exited, forced.output()).toBe(0);
    const aside = fs.readdirSync(fresh).filter((name) => name.startsWith("bot.sqlite.before-restore-"));
    expect(aside).toHaveLength(1);
  });

  it("never writes into a backup folder that holds something already, and names the dated folder it would use instead", async () => {
    const again = run("backup", { DATABASE_URL: file, DATA_DIR: dataDir }, [backup]);
    expect(await again.exited).toBe(1);
    expect(again.output()).toContain("is not empty");
    expect(again.output()).toContain(path.join(dataDir, "backups", "<date and time>"));
  });

  it("makes no folder when the database named by DATABASE_URL is not there", async () => {
    const elsewhere = path.join(scratch, "no-database");
    const made = run("backup", { DATABASE_URL: path.join(elsewhere, "bot.sqlite"), DATA_DIR: elsewhere }, []);
    expect(await made.exited).toBe(1);
    expect(made.output()).toContain("check DATABASE_URL");
    expect(fs.existsSync(elsewhere)).toBe(false);
  });

  it("says when the backup folder is missing, or when the database file was given instead of its folder", async () => {
    const env = { DATABASE_URL: path.join(scratch, "elsewhere", "bot.sqlite"), DATA_DIR: path.join(scratch, "elsewhere") };
    const missing = run("restore", env, [path.join(scratch, "no-such-backup")]);
    expect(await missing.exited).toBe(1);
    expect(missing.output()).toContain("there is no folder");
    const aFile = run("restore", env, [path.join(backup, "bot.sqlite")]);
    expect(await aFile.exited).toBe(1);
    expect(aFile.output()).toContain("is a file; give the backup folder");
  });
});
