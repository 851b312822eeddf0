import { spawnSync } from "node:child_process";
import { hostname } from "node:os";
import type { Bot } from "grammy";
import type { Update } from "grammy/types";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { fixedClock } from "../../../src/clock.js";
import { createLogger } from "../../../src/logger.js";
import { createDatabase, type DB } from "../../../src/platform/db/connection.js";
import { migrateToLatest } from "../../../src/platform/db/migrate.js";
import { createUpdateInbox } from "../../../src/platform/telegram/webhook.js";
import { freshDatabase, removeDatabase } from "../../helpers/app.js";

let db: DB;
let location: string;
const handled: number[] = [];
const bot = { handleUpdate: async (update: Update) => void handled.push(update.update_id) } as unknown as Bot;

beforeEach(async () => {
  location = await freshDatabase();
  db = createDatabase(location);
  await migrateToLatest(db);
  handled.length = 0;
});
afterEach(async () => {
  await db.destroy();
  removeDatabase(location);
});

const NOW = "2026-11-23T02:00:00.000Z";
const stored = (updateId: number, receivedBy: string | null, receivedAt = NOW) =>
  db
    .insertInto("telegram_updates")
    .values({
      update_id: updateId,
      payload: JSON.stringify({ update_id: updateId }),
      received_at: receivedAt,
      received_by: receivedBy,
      chat_id: 1,
    })
    .execute();

/** The name of a process of this host that has ended. */
function deadProcess(): string {
  const child = spawnSync(process.execPath, ["-e", "0"]);
  return `${hostname()}:${child.pid}:0000`;
}

describe("the webhook inbox, taking over updates another instance received", () => {
  it("takes the updates of an instance that died, and leaves those of one still at work", async () => {
    await stored(1, deadProcess());
    await stored(2, `${hostname()}:${process.ppid}:0000`); // the test runner: alive
    await stored(3, null); // stored before receivers were recorded
    const inbox = createUpdateInbox({ db, bot, clock: fixedClock(NOW), logger: createLogger("silent") });
    expect(await inbox.resume()).toBe(2);
    await inbox.stop();
    expect(handled.sort()).toEqual([1, 3]);
  });

  it("takes an update a live instance has held for too long (another host that died)", async () => {
    await stored(4, "another-host:123:0000", "2026-11-23T01:50:00.000Z");
    await stored(5, "another-host:123:0000", "2026-11-23T01:59:00.000Z");
    const inbox = createUpdateInbox({ db, bot, clock: fixedClock(NOW), logger: createLogger("silent") });
    expect(await inbox.resume()).toBe(1);
    await inbox.stop();
    expect(handled).toEqual([4]);
  });

  it("two instances sweeping at once handle a dead instance's update once", async () => {
    await stored(6, deadProcess());
    const options = { db, bot, clock: fixedClock(NOW), logger: createLogger("silent") };
    const [a, b] = [createUpdateInbox(options), createUpdateInbox(options)];
    const taken = await Promise.all([a.resume(), b.resume()]);
    await Promise.all([a.stop(), b.stop()]);
    expect(taken.reduce((x, y) => x + y)).toBe(1);
    expect(handled).toEqual([6]);
  });
});
