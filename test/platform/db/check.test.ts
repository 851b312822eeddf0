import fs from "node:fs";
import path from "node:path";
import SqliteDatabase from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { DatabaseCheckError, openCheckedDatabase } from "../../../src/platform/db/check.js";
import { demoDatabase, tempDatabasePath } from "../../helpers/app.js";

/** Opens the file as the bot does at start-up; returns the refusal's message, or "" when it opened. */
async function refusal(file: string): Promise<string> {
  try {
    const { db } = await openCheckedDatabase(file, "DATABASE_URL");
    await db.destroy();
    return "";
  } catch (error) {
    expect(error).toBeInstanceOf(DatabaseCheckError);
    return (error as Error).message;
  }
}

/** A demo database, closed and checkpointed into one file, with `damage` done to its bytes. */
async function damagedDemo(damage: (bytes: Buffer) => void): Promise<string> {
  const { db, file } = await demoDatabase();
  await db.destroy();
  const bytes = fs.readFileSync(file);
  damage(bytes);
  fs.writeFileSync(file, bytes);
  return file;
}

describe("the database check at start", () => {
  it("creates and migrates a new file, and opens a sound one", async () => {
    const file = tempDatabasePath();
    expect(await refusal(file)).toBe("");
    expect(await refusal(file)).toBe("");
    expect(await refusal(":memory:")).toBe("");
  });

  it("refuses a file of 0 bytes, naming the file and DATABASE_URL", async () => {
    const file = tempDatabasePath();
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, "");
    const message = await refusal(file);
    expect(message).toContain(`DATABASE_URL points to ${path.resolve(file)}, which is empty (0 bytes)`);
    expect(fs.statSync(file).size).toBe(0);
  });

  it("refuses a file with damaged pages", async () => {
    const file = await damagedDemo((bytes) => {
      // Past the first pages (the schema): table and index pages of the data.
      const pageSize = bytes.readUInt16BE(16);
      bytes.fill(0x5a, pageSize * 6 + 8, pageSize * 6 + 2000);
    });
    const message = await refusal(file);
    expect(message).toContain(`DATABASE_URL points to ${path.resolve(file)}, which is damaged (SQLite's quick_check:`);
  });

  it("refuses a file that is not SQLite at all", async () => {
    const file = tempDatabasePath();
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, "name,date\nCanton Fair,2026-10-15\n".repeat(200));
    expect(await refusal(file)).toMatch(
      /^DATABASE_URL points to .*, which cannot be (opened|read) as a SQLite database \(file is not a database\)/,
    );
  });

  it("refuses another program's SQLite database", async () => {
    const file = tempDatabasePath();
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const other = new SqliteDatabase(file);
    other.exec("create table invoices (id integer primary key, total real)");
    other.close();
    expect(await refusal(file)).toContain("holds tables but none of this bot's migrations");
  });

  it("refuses a database whose recorded migrations do not match its tables", async () => {
    const { db, file } = await demoDatabase();
    await db.destroy();
    const raw = new SqliteDatabase(file);
    raw.exec("drop table audit_log");
    raw.close();
    expect(await refusal(file)).toContain("lacks the tables audit_log");
  });
});
