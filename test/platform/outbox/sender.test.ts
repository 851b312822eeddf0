import { Api } from "grammy";
import type { Kysely } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { fixedClock } from "../../../src/clock.js";
import { createLogger } from "../../../src/logger.js";
import { createDatabase } from "../../../src/platform/db/connection.js";
import type { Database } from "../../../src/platform/db/schema.js";
import { sharedPause } from "../../../src/platform/outbox/outbox.repository.js";
import { createPacer } from "../../../src/platform/outbox/pacer.js";
import { queueMessages } from "../../../src/platform/outbox/queue.js";
import { createOutboxSender, type OutboxSender } from "../../../src/platform/outbox/sender.js";
import { createTelegramTransport } from "../../../src/platform/outbox/telegram-transport.js";
import { demoDatabase, TEST_NOW, TEST_TOKEN } from "../../helpers/app.js";
import { type FakeBotApi, startFakeBotApi, tooManyRequests } from "../../helpers/fake-bot-api.js";

const NOW = new Date(TEST_NOW);
const logger = createLogger("silent");
let api: FakeBotApi;
let db: Kysely<Database>;
let file: string;
const senders: OutboxSender[] = [];
const handles: Array<Kysely<Database>> = [];

beforeEach(async () => {
  ({ db, file } = await demoDatabase());
  api = await startFakeBotApi({ token: TEST_TOKEN });
});
afterEach(async () => {
  await Promise.all(senders.splice(0).map((s) => s.stop()));
  await Promise.all(handles.splice(0).map((h) => h.destroy()));
  await db.destroy();
  await api.close();
});

/** A sender as the bot builds one (real HTTP to the fake Bot API), on its own connection to the database file. */
function sender(options: { rate: number; maxInFlight: number }): OutboxSender {
  const own = createDatabase(file);
  handles.push(own);
  const created = createOutboxSender({
    db: own,
    transport: createTelegramTransport(new Api(TEST_TOKEN, { apiRoot: api.apiRoot })),
    pacer: createPacer({ rate: options.rate, shared: sharedPause(own) }),
    clock: fixedClock(NOW.toISOString()),
    logger,
    idleMs: 20,
    maxInFlight: options.maxInFlight,
  });
  senders.push(created);
  return created;
}

/** One message to each of `count` chats from `firstChat`, keyed under `prefix`. */
async function queue(firstChat: number, count: number, prefix = "m:"): Promise<number[]> {
  const chats = Array.from({ length: count }, (_, i) => firstChat + i);
  await queueMessages(
    db,
    chats.map((chat) => ({ chatId: chat, dedupeKey: `${prefix}${chat}`, message: { type: "text", text: `hello ${chat}` } })),
    NOW,
  );
  return chats;
}

async function unfinished(): Promise<number> {
  const rows = await db.selectFrom("outbox").select("id").where("state", "in", ["queued", "sending"]).execute();
  return rows.length;
}

const sends = () => api.calls.filter((c) => c.method === "sendMessage");

describe("the outbox sender at a distance from Telegram", () => {
  it("keeps several requests in flight, never more than its limit, and delivers each message once", async () => {
    api.setLatency(150);
    let inFlight = 0;
    let most = 0;
    api.setHandler("sendMessage", async (p) => {
      most = Math.max(most, ++inFlight);
      await new Promise((r) => setTimeout(r, 100));
      inFlight--;
      return { message_id: 1, date: 0, chat: { id: Number(p.chat_id), type: "private" }, text: p.text };
    });
    const chats = await queue(1000, 40);
    await sender({ rate: 100, maxInFlight: 8 }).start();
    await expect.poll(unfinished, { timeout: 15_000 }).toBe(0);
    expect(most).toBeGreaterThan(1);
    expect(most).toBeLessThanOrEqual(8);
    const counts = api.deliveriesByChat();
    for (const chat of chats) expect(counts.get(chat), `chat ${chat}`).toBe(1);
  });

  it("never has two requests to the same chat in flight: its messages arrive in the order queued", async () => {
    api.setLatency(100);
    // Telegram takes its time over the first part: the second must not be sent (and land) before it.
    api.setHandler("sendMessage", async (p) => {
      if (p.text === "part 0") await new Promise((r) => setTimeout(r, 1500));
      return { message_id: 1, date: 0, chat: { id: Number(p.chat_id), type: "private" }, text: p.text };
    });
    await queueMessages(
      db,
      Array.from({ length: 4 }, (_, i) => ({
        chatId: 77,
        dedupeKey: `order:${i}`,
        message: { type: "text" as const, text: `part ${i}` },
      })),
      NOW,
    );
    await queue(2000, 10);
    await sender({ rate: 100, maxInFlight: 8 }).start();
    await expect.poll(unfinished, { timeout: 15_000 }).toBe(0);
    const toChat = api.delivered.filter((c) => c.payload.chat_id === 77);
    expect(toChat.map((c) => c.payload.text)).toEqual(["part 0", "part 1", "part 2", "part 3"]);
  });

  it("a 429 in the middle of pipelined sending: nothing new goes out until retry_after has passed, and every message arrives once", async () => {
    const latency = 100;
    api.setLatency(latency);
    const chats = await queue(3000, 30);
    let answered = 0;
    let refusedAt: number | undefined;
    api.intercept({
      before: (call) => {
        if (call.method !== "sendMessage" || ++answered !== 8) return undefined;
        refusedAt = call.at;
        return { status: 429, body: tooManyRequests(1) };
      },
    });
    await sender({ rate: 100, maxInFlight: 8 }).start();
    await expect.poll(unfinished, { timeout: 15_000 }).toBe(0);
    expect(refusedAt).toBeDefined();
    // Requests already on their way before the bot heard the 429 still arrive (one latency, and a
    // moment for the answer to reach it); none may be started during the second Telegram asked for.
    const duringPause = sends().filter((c) => c.at > refusedAt! + latency + 150 && c.at < refusedAt! + 1000);
    expect(sends().filter((c) => c.at > refusedAt! + 1000).length).toBeGreaterThan(10);
    expect(duringPause).toEqual([]);
    const counts = api.deliveriesByChat();
    for (const chat of chats) expect(counts.get(chat), `chat ${chat}`).toBe(1);
  });

  it("a 429 one sender gets holds another process's sender too (the bot and npm run reminders)", async () => {
    const first = await queue(4000, 5, "a:");
    // The first sender's 429 pause is written to the database; the second has its own pacer.
    api.failNext("sendMessage", { status: 429, body: tooManyRequests(2) }, 1);
    const bot = sender({ rate: 100, maxInFlight: 4 });
    await bot.start();
    await expect.poll(() => api.calls.some((c) => c.method === "sendMessage"), { timeout: 5000 }).toBe(true);
    await bot.stop(); // out of the way: the second sender is alone with the reminders
    const refusedAt = sends()[0]!.at;
    const other = sender({ rate: 100, maxInFlight: 4 });
    const second = await queue(5000, 5, "b:");
    const report = await other.drain("b:", NOW);
    expect(report.sent).toBe(5);
    const secondSends = sends().filter((c) => second.includes(Number(c.payload.chat_id)));
    expect(Math.min(...secondSends.map((c) => c.at)) - refusedAt).toBeGreaterThanOrEqual(1900);
    await sender({ rate: 100, maxInFlight: 4 }).start();
    await expect.poll(unfinished, { timeout: 10_000 }).toBe(0);
    const counts = api.deliveriesByChat();
    for (const chat of [...first, ...second]) expect(counts.get(chat), `chat ${chat}`).toBe(1);
  });
});
