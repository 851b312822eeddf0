import SqliteDatabase from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { buttonsOf, startTestBot, type TestBot } from "../helpers/app.js";
import { seedUsers } from "../helpers/users.js";

let bot: TestBot | undefined;
let other: SqliteDatabase.Database | undefined;
afterEach(async () => {
  if (other?.inTransaction) other.exec("rollback");
  other?.close();
  other = undefined;
  await bot?.stop();
  bot = undefined;
});

/** Another process (a CLI import, a backup) takes the database's write lock and keeps it. */
function holdWriteLock(file: string): void {
  other = new SqliteDatabase(file);
  other.exec("begin immediate");
}

describe("while another process holds the database's write lock", () => {
  it("a known user is answered at once", async () => {
    bot = await startTestBot();
    await seedUsers(bot.app.db, 701, 1); // last seen weeks ago: this update would write last_seen
    holdWriteLock(bot.file);
    const started = Date.now();
    expect(await bot.ask({ id: 701, first_name: "Lan", language_code: "vi" }, "/start")).toContain("Xin chào");
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it("a new user is answered at once", async () => {
    bot = await startTestBot();
    holdWriteLock(bot.file);
    const started = Date.now();
    expect(await bot.ask({ id: 702, first_name: "Wei", language_code: "zh" }, "/start")).toContain("Wei");
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it("a write that cannot wait says the data is being updated, in the user's language", async () => {
    bot = await startTestBot();
    const tom = { id: 703, first_name: "Tom", language_code: "en" };
    const choose = await bot.ask(tom, "/language");
    holdWriteLock(bot.file);
    const started = Date.now();
    const data = buttonsOf(bot.api.messagesTo(tom.id).at(-1)!.payload).find((b) => b.data.endsWith("vi"))!.data;
    expect(choose).not.toBe("");
    expect((await bot.press(tom, data)).text).toBe(
      "The data is being updated right now, so I could not save that. Please try again in a minute.",
    );
    expect(Date.now() - started).toBeLessThan(1500);
  });
});
