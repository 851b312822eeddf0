import { afterEach, describe, expect, it } from "vitest";
import { createBroadcast } from "../../src/modules/broadcasts/broadcasts.service.js";
import { queueMessages } from "../../src/platform/outbox/queue.js";
import { buttonsOf, startTestBot, TEST_NOW, type TestBot, tickingClock } from "../helpers/app.js";
import { tooManyRequests } from "../helpers/fake-bot-api.js";
import { seedUsers } from "../helpers/users.js";

const ADMIN = { id: 900, first_name: "Hoa", language_code: "en" };
let bot: TestBot | undefined;

afterEach(async () => {
  await bot?.stop();
  bot = undefined;
});

async function start(rate: number) {
  bot = await startTestBot(
    { ADMIN_IDS: String(ADMIN.id), OUTBOX_RATE: String(rate), OUTBOX_PROGRESS_SECONDS: "0.3" },
    { clock: tickingClock(TEST_NOW) },
  );
  await bot.ask(ADMIN, "/start"); // so the bot knows the admin reads English
  return bot;
}

const hello = {
  default: { type: "text" as const, text: "Hello from the trade office", entities: [{ type: "bold", offset: 0, length: 5 }] },
};

/** Waits for the final report (a new message, not an edit) of a broadcast in the admin's chat. */
const finalReport = (b: TestBot, id: number, timeoutMs = 15_000) =>
  b.api.waitFor(
    (c) =>
      c.method === "sendMessage" &&
      c.payload.chat_id === ADMIN.id &&
      new RegExp(`#${id}</b> — (finished|cancelled)`).test(String(c.payload.text)),
    { timeoutMs },
  );

describe("delivering a broadcast", () => {
  it("reaches every active user exactly once despite blocks, lost chats, 429s and dropped connections", async () => {
    const b = await start(200);
    const ids = await seedUsers(b.app.db, 10_000, 300);
    const blocked = ids.slice(0, 12);
    const lost = ids.slice(12, 15);
    const inactive = ids.slice(15, 20);
    await b.app.db.updateTable("users").set({ active: 0 }).where("id", "in", inactive).execute();
    b.api.block(...blocked);
    b.api.loseChats(...lost);
    b.api.failNext("sendMessage", { status: 429, body: tooManyRequests(1) }, 1);
    b.api.dropConnections("sendMessage", 2);

    const { id, recipients } = await createBroadcast(
      b.app.db,
      { createdBy: ADMIN.id, content: hello, audience: { type: "all" }, sendAt: new Date(TEST_NOW), defaultLocale: "vi" },
      new Date(TEST_NOW),
    );
    b.app.outbox.wake();
    expect(recipients).toBe(300 - inactive.length + 1); // the admin is an active user too
    const report = await finalReport(b, id);

    const deliveries = b.api.deliveriesByChat();
    const expected = [...ids.filter((u) => ![...blocked, ...lost, ...inactive].includes(u))];
    for (const user of expected) expect(deliveries.get(user), `user ${user}`).toBe(1);
    for (const user of [...blocked, ...lost, ...inactive]) expect(deliveries.get(user)).toBeUndefined();
    const first = b.api.delivered.find((c) => c.payload.chat_id === expected[0]);
    expect(first?.payload).toMatchObject({
      text: "Hello from the trade office",
      entities: [{ type: "bold", offset: 0, length: 5 }],
    });

    const inactiveNow = await b.app.db.selectFrom("users").select("id").where("active", "=", 0).execute();
    expect(inactiveNow.map((u) => u.id).sort()).toEqual([...blocked, ...inactive].sort());
    expect(String(report.payload.text)).toContain(`Delivered: ${expected.length + 1} of ${recipients}`);
    expect(String(report.payload.text)).toContain(`Failed: ${lost.length} · Blocked (now marked inactive): ${blocked.length}`);
  });

  it("waits out a 429's retry_after before sending anything else", async () => {
    const b = await start(200);
    await seedUsers(b.app.db, 20_000, 20);
    b.api.failNext("sendMessage", { status: 429, body: tooManyRequests(1) }, 1);
    const { id } = await createBroadcast(
      b.app.db,
      {
        createdBy: ADMIN.id,
        content: hello,
        audience: { type: "language", locale: "vi" },
        sendAt: new Date(TEST_NOW),
        defaultLocale: "vi",
      },
      new Date(TEST_NOW),
    );
    b.app.outbox.wake();
    await finalReport(b, id);
    const sends = b.api.calls.filter((c) => c.method === "sendMessage" && c.payload.text === hello.default.text);
    // Sends already on their way when the 429 was answered may still arrive; none starts after it.
    const after = sends.slice(1).map((c) => c.at - sends[0]!.at);
    expect(after.filter((ms) => ms > 150 && ms < 950)).toEqual([]);
    expect(after.filter((ms) => ms >= 950).length).toBeGreaterThan(0);
  });
});

describe("/broadcasts", () => {
  it("lists a running broadcast and cancels it: what was queued is never sent", async () => {
    const b = await start(20);
    const ids = await seedUsers(b.app.db, 30_000, 300);
    const { id } = await createBroadcast(
      b.app.db,
      { createdBy: ADMIN.id, content: hello, audience: { type: "all" }, sendAt: new Date(TEST_NOW), defaultLocale: "vi" },
      new Date(TEST_NOW),
    );
    b.app.outbox.wake();
    await expect.poll(() => b.api.delivered.length, { timeout: 5000 }).toBeGreaterThanOrEqual(10);

    const since = b.api.calls.length;
    b.api.sendText(ADMIN, "/broadcasts");
    const list = await b.api.waitFor(
      (c) => c.method === "sendMessage" && c.payload.chat_id === ADMIN.id && String(c.payload.text).includes("Recent broadcasts"),
      { since },
    );
    expect(String(list.payload.text)).toMatch(
      new RegExp(`#${id}</b>[\\s\\S]*all active users[\\s\\S]*sending — delivered \\d+ of ${ids.length + 1}`),
    );
    const ask = await b.press(ADMIN, buttonsOf(list.payload).find((x) => x.text.includes(`#${id}`))!.data);
    expect(ask.text).toContain(`Cancel broadcast #${id}?`);
    const done = await b.press(ADMIN, buttonsOf(ask.payload).find((x) => x.text.includes("Yes"))!.data);
    expect(done.text).toMatch(new RegExp(`Broadcast #${id} cancelled: \\d+ messages will not be sent`));
    const atCancel = b.api.delivered.length;

    const report = await finalReport(b, id);
    expect(String(report.payload.text)).toContain("cancelled");
    await new Promise((r) => setTimeout(r, 500));
    expect(b.api.delivered.filter((c) => c.payload.text === hello.default.text).length).toBeLessThanOrEqual(atCancel + 1);
    const dropped = Number(/cancelled: (\d+)/.exec(done.text)![1]);
    expect(dropped).toBeGreaterThan(200);
  });

  it("ignores a cancel button forged by someone who is not staff", async () => {
    const b = await start(20);
    await seedUsers(b.app.db, 40_000, 100);
    const { id } = await createBroadcast(
      b.app.db,
      { createdBy: ADMIN.id, content: hello, audience: { type: "all" }, sendAt: new Date(TEST_NOW), defaultLocale: "vi" },
      new Date(TEST_NOW),
    );
    const intruder = { id: 40_001, first_name: "Eve", language_code: "en" };
    await b.ask(intruder, "/start");
    const since = b.api.calls.length;
    b.api.pressButton(intruder, `bc:stop!:${id}`);
    const answer = await b.api.waitFor((c) => c.method === "answerCallbackQuery", { since });
    expect(String(answer.payload.text)).toContain("staff only");
    const row = await b.app.db.selectFrom("broadcasts").select("status").where("id", "=", id).executeTakeFirstOrThrow();
    expect(row.status).toBe("sending");
  });
});

describe("other messages through the outbox", () => {
  it("a message queued twice under one key (a reminder, say) is sent once, as HTML", async () => {
    const b = await start(200);
    const [user] = await seedUsers(b.app.db, 60_000, 1);
    const reminder = {
      chatId: user!,
      message: { type: "text" as const, text: "⏳ <b>3 days left</b> to register", html: true },
      dedupeKey: `reminder:test:${user}`,
    };
    expect(await queueMessages(b.app.db, [reminder], new Date(TEST_NOW))).toBe(1);
    expect(await queueMessages(b.app.db, [reminder], new Date(TEST_NOW))).toBe(0);
    b.app.outbox.wake();
    const sent = await b.api.waitFor((c) => c.method === "sendMessage" && c.payload.chat_id === user, { timeoutMs: 5000 });
    expect(sent.payload).toMatchObject({ text: reminder.message.text, parse_mode: "HTML" });
    await new Promise((r) => setTimeout(r, 300));
    expect(b.api.deliveriesByChat().get(user!)).toBe(1);
  });
});
