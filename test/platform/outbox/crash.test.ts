import { spawn } from "node:child_process";
import { hostname } from "node:os";
import { Api } from "grammy";
import type { Kysely } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { fixedClock } from "../../../src/clock.js";
import { createLogger } from "../../../src/logger.js";
import { createDatabase } from "../../../src/platform/db/connection.js";
import type { Database } from "../../../src/platform/db/schema.js";
import { createPacer } from "../../../src/platform/outbox/pacer.js";
import { queueMessages } from "../../../src/platform/outbox/queue.js";
import { createOutboxSender, inFlightFor } from "../../../src/platform/outbox/sender.js";
import { createTelegramTransport } from "../../../src/platform/outbox/telegram-transport.js";
import { demoDatabase, TEST_NOW, TEST_TOKEN } from "../../helpers/app.js";
import { type FakeBotApi, startFakeBotApi } from "../../helpers/fake-bot-api.js";
import { type BotProcess, spawnMain } from "../../helpers/process.js";

const NOW = new Date(TEST_NOW);
let api: FakeBotApi | undefined;
let running: BotProcess | undefined;
let db: Kysely<Database> | undefined;

afterEach(async () => {
  running?.child.kill("SIGKILL");
  await running?.exited;
  await api?.close();
  await db?.destroy();
  running = api = db = undefined;
});

async function queueTo(on: Kysely<Database>, chats: number[]): Promise<void> {
  await queueMessages(
    on,
    chats.map((chat) => ({ chatId: chat, dedupeKey: `n:${chat}`, message: { type: "text", text: `notice ${chat}` } })),
    NOW,
  );
}

const unfinished = async (on: Kysely<Database>) =>
  (await on.selectFrom("outbox").select("id").where("state", "in", ["queued", "sending"]).execute()).length;

describe("a crash of the sending process", () => {
  it("after kill -9 mid-send and a restart, everyone gets their message, and only the rows in flight may come twice", async () => {
    const RATE = 40;
    const setup = await demoDatabase();
    const chats = Array.from({ length: 150 }, (_, i) => 70_000 + i);
    await queueTo(setup.db, chats);
    await setup.db.destroy();
    db = createDatabase(setup.file);

    api = await startFakeBotApi({ token: TEST_TOKEN });
    api.setLatency(300); // a server far from Telegram's: several requests are on their way at any moment
    const env = { BOT_TOKEN: TEST_TOKEN, TELEGRAM_API_ROOT: api.apiRoot, DATABASE_URL: setup.file, OUTBOX_RATE: String(RATE) };
    const first = spawnMain(env);
    running = first;
    let seen = 0;
    api.setHandler("sendMessage", (p) => {
      if (String(p.text).startsWith("notice") && ++seen === 50) first.child.kill("SIGKILL");
      return { message_id: seen, date: 0, chat: { id: Number(p.chat_id), type: "private" }, text: p.text };
    });
    await first.exited;
    const inFlight = await db.selectFrom("outbox").select("chat_id").where("state", "=", "sending").execute();
    expect(inFlight.length).toBeGreaterThan(1);
    expect(inFlight.length).toBeLessThanOrEqual(inFlightFor(RATE));

    running = spawnMain(env);
    await expect.poll(() => unfinished(db!), { timeout: 30_000, interval: 200 }).toBe(0);
    const counts = api.deliveriesByChat();
    for (const chat of chats) expect(counts.get(chat) ?? 0, `chat ${chat}`).toBeGreaterThanOrEqual(1);
    const twice = chats.filter((chat) => (counts.get(chat) ?? 0) > 1);
    expect(twice.every((chat) => counts.get(chat) === 2)).toBe(true);
    // Only a message whose request may have reached Telegram before the kill is sent again.
    expect(twice.filter((chat) => !inFlight.some((row) => row.chat_id === chat))).toEqual([]);
  }, 120_000);
});

describe("claims of other senders", () => {
  it("a sender starting leaves alone what a live sender has in flight, and takes back what a dead or timed-out one left", async () => {
    const setup = await demoDatabase();
    db = setup.db;
    api = await startFakeBotApi({ token: TEST_TOKEN });
    await queueTo(db, [1, 2, 3, 4, 5]);
    // A process that has exited: its id is free.
    const gone = spawn(process.execPath, ["-e", ""]);
    await new Promise((resolve) => gone.on("exit", resolve));
    const later = new Date(Date.now() + 60_000).toISOString();
    const earlier = new Date(Date.now() - 1000).toISOString();
    const claims: Array<[number, string, string]> = [
      [1, `${hostname()}:${process.ppid}:alive`, later], // the bot, still sending
      [2, `${hostname()}:${gone.pid}:dead`, later], // killed mid-request
      [3, "another-host:123:slow", earlier], // its lease ran out
      [4, "another-host:456:busy", later], // another instance, still sending
    ];
    for (const [chat, owner, until] of claims)
      await db
        .updateTable("outbox")
        .set({ state: "sending", claimed_by: owner, lease_until: until })
        .where("chat_id", "=", chat)
        .execute();

    const sender = createOutboxSender({
      db,
      transport: createTelegramTransport(new Api(TEST_TOKEN, { apiRoot: api.apiRoot })),
      pacer: createPacer({ rate: 100, chatIntervalMs: 0 }),
      clock: fixedClock(NOW.toISOString()),
      logger: createLogger("silent"),
      idleMs: 20,
      maxInFlight: 4,
    });
    await sender.start();
    await expect.poll(() => api!.delivered.length, { timeout: 5000 }).toBe(3);
    await new Promise((r) => setTimeout(r, 300));
    await sender.stop();
    expect([...api.deliveriesByChat().keys()].sort()).toEqual([2, 3, 5]);
    const left = await db
      .selectFrom("outbox")
      .select(["chat_id", "state"])
      .where("state", "=", "sending")
      .orderBy("chat_id")
      .execute();
    expect(left).toEqual([
      { chat_id: 1, state: "sending" },
      { chat_id: 4, state: "sending" },
    ]);
  });
});
