import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBroadcast } from "../../src/modules/broadcasts/broadcasts.service.js";
import type { DB } from "../../src/platform/db/connection.js";
import { demoDatabase, TEST_NOW, TEST_TOKEN } from "../helpers/app.js";
import { freshPostgresDatabase } from "../helpers/databases.js";
import { type FakeBotApi, startFakeBotApi } from "../helpers/fake-bot-api.js";
import { type BotProcess, freePort, spawnMain, until } from "../helpers/process.js";
import { publishFair } from "../helpers/reminders.js";
import { insertAdmin, seedUsers } from "../helpers/users.js";

// Two web instances and two workers on one PostgreSQL database, as an office with a load balancer
// runs them; one of each is killed (kill -9) in the middle of the work.

const SECRET = "fleet-secret-0123456789abcdef";
const ADMIN_ID = 900;
const RECIPIENTS = 400;
const FOLLOWERS = 60;
const TEXT = "Hội chợ dời lịch";

const textUpdate = (updateId: number, userId: number, text: string) => ({
  update_id: updateId,
  message: {
    message_id: updateId,
    date: 1_800_000_000,
    chat: { id: userId, type: "private", first_name: `U${userId}` },
    from: { id: userId, is_bot: false, first_name: `U${userId}`, language_code: "vi" },
    text,
    entities: [{ type: "bot_command", offset: 0, length: text.length }],
  },
});

const post = (port: number, body: unknown) =>
  fetch(`http://127.0.0.1:${port}/telegram`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": SECRET },
    body: JSON.stringify(body),
  });

let api: FakeBotApi;
let db: DB;
let url: string;
const processes: BotProcess[] = [];

beforeAll(async () => {
  url = await freshPostgresDatabase();
  ({ db } = await demoDatabase(url));
  await insertAdmin(db, ADMIN_ID);
  api = await startFakeBotApi({ token: TEST_TOKEN });
}, 60_000);

afterAll(async () => {
  for (const p of processes) p.child.kill("SIGKILL");
  await Promise.all(processes.map((p) => p.exited));
  await db?.destroy();
  await api?.close();
});

function start(role: "web" | "worker", port: number, env: Record<string, string> = {}): BotProcess {
  const child = spawnMain({
    BOT_TOKEN: TEST_TOKEN,
    TELEGRAM_API_ROOT: api.apiRoot,
    DATABASE_URL: url,
    ADMIN_IDS: String(ADMIN_ID),
    ROLE: role,
    // One public address for the fleet (the load balancer's); each instance listens on its own port.
    WEBHOOK_URL: "https://bot.example.vn/telegram",
    WEBHOOK_SECRET: SECRET,
    PORT: String(port),
    OUTBOX_RATE: "100",
    OUTBOX_PROGRESS_SECONDS: "0.5",
    REMINDER_CRON: "*/2 * * * * *",
    LOG_LEVEL: "info",
    ...env,
  });
  processes.push(child);
  return child;
}

const started = (p: BotProcess) =>
  until(async () => p.output().includes('"msg":"bot started"'), "the instance to start", p, 90_000);
const leaseHolder = async () =>
  (await db.selectFrom("meta").select("value").where("key", "=", "lease:outbox").executeTakeFirst())?.value.split(" ")[1];

describe("two web instances and two workers on one PostgreSQL database", () => {
  const webPorts: number[] = [];
  const workers: BotProcess[] = [];
  const webs: BotProcess[] = [];

  beforeAll(async () => {
    webPorts.push(await freePort(), await freePort());
    webs.push(start("web", webPorts[0]!), start("web", webPorts[1]!));
    workers.push(start("worker", 0), start("worker", 0));
    await Promise.all([...webs, ...workers].map(started));
  }, 120_000);

  it("registers the webhook and sets the command menu once for the fleet, not once per instance", () => {
    expect(api.calls.filter((c) => c.method === "setWebhook")).toHaveLength(1);
    const menus = api.calls.filter((c) => c.method === "setMyCommands" && !c.payload.scope);
    expect(menus).toHaveLength(4); // the default menu and one per language, once
  });

  it("handles a chat's updates one at a time and in order, though they reach two instances at once", async () => {
    const [first, second] = webPorts as [number, number];
    const chats = Array.from({ length: 8 }, (_, i) => 72_000 + i);
    // Each answer takes Telegram 600 ms: a second update handled alongside the first would be answered with it.
    api.setLatency(600);
    try {
      await Promise.all(
        chats.map(async (id, i) => {
          expect((await post(first, textUpdate(4000 + 2 * i, id, "/fairs"))).status).toBe(200);
          expect((await post(second, textUpdate(4001 + 2 * i, id, "/gates"))).status).toBe(200);
        }),
      );
      const answersTo = (id: number) => api.delivered.filter((c) => Number(c.payload.chat_id) === id);
      await until(async () => chats.every((id) => answersTo(id).length >= 2), "both answers in every chat", webs[1], 30_000);
      for (const id of chats) {
        const [fairs, gates] = answersTo(id);
        expect(String(fairs!.payload.text)).not.toContain("Hữu Nghị"); // /fairs answered first
        expect(String(gates!.payload.text)).toContain("Hữu Nghị");
        expect(gates!.at - fairs!.at).toBeGreaterThanOrEqual(550); // and only once /fairs was answered
      }
    } finally {
      api.setLatency(0);
    }
  }, 60_000);

  it("answers every update once although one web instance is killed with updates in hand", async () => {
    const [first, second] = webPorts as [number, number];
    const toFirst = Array.from({ length: 20 }, (_, i) => 70_000 + i);
    const toSecond = Array.from({ length: 20 }, (_, i) => 71_000 + i);
    // The first instance acknowledges its updates but cannot reach Telegram to answer them, and dies.
    api.dropConnections("sendMessage", 1_000_000);
    const acks = await Promise.all(toFirst.map((id, i) => post(first, textUpdate(5000 + i, id, "/fairs"))));
    expect(acks.every((r) => r.status === 200)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 500));
    webs[0]!.child.kill("SIGKILL");
    await webs[0]!.exited;
    api.stopDropping();
    const moreAcks = await Promise.all(toSecond.map((id, i) => post(second, textUpdate(6000 + i, id, "/fairs"))));
    expect(moreAcks.every((r) => r.status === 200)).toBe(true);

    const users = [...toFirst, ...toSecond];
    const answers = (id: number) => api.delivered.filter((c) => Number(c.payload.chat_id) === id).length;
    await until(async () => users.every((id) => answers(id) > 0), "every user to be answered", webs[1], 30_000);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(users.map(answers)).toEqual(users.map(() => 1));
    const unhandled = await db.selectFrom("telegram_updates").select("update_id").where("handled_at", "is", null).execute();
    expect(unhandled).toEqual([]);
  }, 60_000);

  it("delivers a broadcast once to every recipient although the sending worker is killed mid-way, within one rate budget", async () => {
    await seedUsers(db, 80_000, RECIPIENTS);
    const { recipients } = await createBroadcast(
      db,
      {
        createdBy: ADMIN_ID,
        content: { default: { type: "text", text: TEXT } },
        audience: { type: "all" },
        sendAt: new Date(TEST_NOW),
        defaultLocale: "vi",
      },
      new Date(TEST_NOW),
    );
    const sends = () => api.delivered.filter((c) => c.payload.text === TEXT);
    await until(async () => sends().length >= 120, "the broadcast to be under way", workers[0], 30_000);
    const holder = await leaseHolder();
    const sender = workers.find((w) => w.child.pid === Number(holder?.split(":")[1]))!;
    expect(sender).toBeDefined();
    sender.child.kill("SIGKILL");
    await sender.exited;
    const atKill = sends().length;
    expect(atKill).toBeLessThan(recipients);

    await until(
      async () => new Set(sends().map((c) => c.payload.chat_id)).size === recipients,
      "every recipient",
      undefined,
      60_000,
    );
    const perChat = new Map<unknown, number>();
    for (const call of sends()) perChat.set(call.payload.chat_id, (perChat.get(call.payload.chat_id) ?? 0) + 1);
    const duplicated = [...perChat.values()].filter((n) => n > 1).length;
    console.log(`fleet: broadcast to ${recipients}, killed the sender after ${atKill}, ${duplicated} sent twice`);
    // Only what was in flight at the kill may go twice: the rate's in-flight window (100/s × 0.4 s).
    expect(duplicated).toBeLessThanOrEqual(40);
    // One sender at a time: never more than the rate in any second, fleet-wide.
    const times = sends()
      .map((c) => c.at)
      .sort((a, b) => a - b);
    let most = 0;
    for (let i = 0, j = 0; i < times.length; i++) {
      while (times[i]! - times[j]! >= 1000) j++;
      most = Math.max(most, i - j + 1);
    }
    expect(most).toBeLessThanOrEqual(105);
  }, 120_000);

  it("sends each reminder once although two workers tick", async () => {
    const followers = await seedUsers(db, 90_000, FOLLOWERS);
    for (const id of followers)
      await db
        .insertInto("subscriptions")
        .values({ user_id: id, topic: "province", value: "Lạng Sơn", created_at: TEST_NOW })
        .execute();
    // A fresh worker beside the survivor, so two tick again.
    workers.push(start("worker", 0));
    await started(workers.at(-1)!);
    await publishFair(db, new Date().toISOString(), { id: "fleet-fair-2027", starts_on: "2027-03-10", ends_on: "2027-03-12" });
    const announced = () => api.delivered.filter((c) => followers.includes(Number(c.payload.chat_id)));
    await until(
      async () => new Set(announced().map((c) => c.payload.chat_id)).size === FOLLOWERS,
      "every follower told",
      undefined,
      60_000,
    );
    await new Promise((resolve) => setTimeout(resolve, 3000)); // several more ticks of both workers
    expect(announced()).toHaveLength(FOLLOWERS);
    const keys = await db
      .selectFrom("outbox")
      .select("dedupe_key")
      .where("dedupe_key", "like", "reminder:%fleet-fair-2027%")
      .execute();
    expect(keys).toHaveLength(FOLLOWERS);
  }, 90_000);
});
