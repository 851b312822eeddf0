import { afterEach, describe, expect, it } from "vitest";
import { createBroadcast } from "../../src/modules/broadcasts/broadcasts.service.js";
import { createDatabase } from "../../src/platform/db/connection.js";
import { demoDatabase, TEST_NOW, TEST_TOKEN } from "../helpers/app.js";
import { type FakeBotApi, startFakeBotApi } from "../helpers/fake-bot-api.js";
import { type BotProcess, spawnMain } from "../helpers/process.js";
import { insertAdmin, seedUsers } from "../helpers/users.js";

const ADMIN_ID = 900;
let api: FakeBotApi | undefined;
let running: BotProcess | undefined;

afterEach(async () => {
  running?.child.kill("SIGKILL");
  await running?.exited;
  await api?.close();
  running = api = undefined;
});

describe("a broadcast survives kill -9", () => {
  it("after a restart every recipient gets it, and only the messages in flight at the crash may come twice", async () => {
    const { db, file } = await demoDatabase();
    const users = await seedUsers(db, 50_000, 300);

    await insertAdmin(db, ADMIN_ID);
    const content = { default: { type: "text" as const, text: "Fair postponed" } };
    const { recipients } = await createBroadcast(
      db,
      { createdBy: ADMIN_ID, content, audience: { type: "all" }, sendAt: new Date(TEST_NOW), defaultLocale: "vi" },
      new Date(TEST_NOW),
    );
    await db.destroy();
    expect(recipients).toBe(users.length + 1);

    api = await startFakeBotApi({ token: TEST_TOKEN });
    const env = {
      BOT_TOKEN: TEST_TOKEN,
      TELEGRAM_API_ROOT: api.apiRoot,
      DATABASE_URL: file,
      ADMIN_IDS: String(ADMIN_ID),
      OUTBOX_RATE: "150",
      OUTBOX_PROGRESS_SECONDS: "0.5",
    };
    const broadcastSends = () => api!.delivered.filter((c) => c.payload.text === "Fair postponed");

    // Kill the bot while Telegram is handling its 100th message: the bot never hears back about it.
    let seen = 0;
    const first = spawnMain(env);
    running = first;
    api.setHandler("sendMessage", (p) => {
      if (p.text === "Fair postponed" && ++seen === 100) first.child.kill("SIGKILL");
      return { message_id: seen, date: 0, chat: { id: Number(p.chat_id), type: "private" }, text: p.text };
    });
    await first.exited;
    const atCrash = broadcastSends().length;
    const check = createDatabase(file);
    const inFlight = (await check.selectFrom("outbox").select("chat_id").where("state", "=", "sending").execute()).map(
      (r) => r.chat_id,
    );
    await check.destroy();
    expect(atCrash).toBeGreaterThanOrEqual(100);
    expect(atCrash).toBeLessThan(recipients);

    running = spawnMain(env);
    await api.waitFor(
      (c) =>
        c.method === "sendMessage" &&
        c.payload.chat_id === ADMIN_ID &&
        /#1<\/b> — /.test(String(c.payload.text)) &&
        /(xong|finished)/.test(String(c.payload.text)),
      {
        since: 0,
        timeoutMs: 20_000,
      },
    );

    const counts = new Map<number, number>();
    for (const call of broadcastSends())
      counts.set(Number(call.payload.chat_id), (counts.get(Number(call.payload.chat_id)) ?? 0) + 1);
    for (const id of [...users, ADMIN_ID]) expect(counts.get(id) ?? 0, `user ${id}`).toBeGreaterThanOrEqual(1);
    const twice = [...counts].filter(([, n]) => n > 1);
    expect(twice.every(([, n]) => n === 2)).toBe(true);
    expect(twice.filter(([chat]) => !inFlight.includes(chat))).toEqual([]);
  }, 90_000);
});
