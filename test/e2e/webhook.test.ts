import { afterEach, describe, expect, it } from "vitest";
import { createDatabase } from "../../src/platform/db/connection.js";
import { startTestBot, type TestBot } from "../helpers/app.js";
import { freePort } from "../helpers/process.js";

const SECRET = "test-secret-0123456789abcdef";
const lan = { id: 5101, first_name: "Lan", language_code: "vi" };

let bot: TestBot | undefined;
afterEach(async () => {
  await bot?.stop();
  bot = undefined;
});

async function webhookBot(): Promise<{ bot: TestBot; url: string }> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/telegram`;
  bot = await startTestBot({ WEBHOOK_URL: url, WEBHOOK_SECRET: SECRET, PORT: String(port) });
  return { bot, url };
}

const post = (url: string, body: unknown, secret?: string) =>
  fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...(secret ? { "x-telegram-bot-api-secret-token": secret } : {}) },
    body: JSON.stringify(body),
  });

const textUpdate = (updateId: number, text: string) => ({
  update_id: updateId,
  message: {
    message_id: updateId,
    date: 1_800_000_000,
    chat: { id: lan.id, type: "private", first_name: lan.first_name },
    from: { is_bot: false, ...lan },
    text,
    entities: text.startsWith("/") ? [{ type: "bot_command", offset: 0, length: text.length }] : undefined,
  },
});

describe("webhook mode (WEBHOOK_URL set)", () => {
  it("registers the webhook with its secret and answers users through it, not by polling", async () => {
    const { bot, url } = await webhookBot();
    const set = bot.api.calls.filter((c) => c.method === "setWebhook");
    expect(set).toHaveLength(1);
    expect(set[0]!.payload).toMatchObject({ url, secret_token: SECRET });
    expect(await bot.ask(lan, "/fairs")).toContain("Lạng Sơn");
    expect(bot.api.calls.some((c) => c.method === "getUpdates")).toBe(false);
  });

  it("refuses a call without Telegram's secret token", async () => {
    const { url } = await webhookBot();
    expect((await post(url, textUpdate(900, "/start"))).status).toBe(401);
    expect((await post(url, textUpdate(900, "/start"), "wrong-secret-0123456789")).status).toBe(401);
  });

  it("handles an update Telegram sends twice only once", async () => {
    const { bot, url } = await webhookBot();
    const before = bot.api.messagesTo(lan.id).length;
    const first = await post(url, textUpdate(7001, "/deadlines"), SECRET);
    const again = await post(url, textUpdate(7001, "/deadlines"), SECRET);
    expect([first.status, again.status]).toEqual([200, 200]);
    await bot.api.waitFor((c) => c.method === "sendMessage" && c.payload.chat_id === lan.id);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(bot.api.messagesTo(lan.id).length - before).toBe(1);
  });

  it("does not register the webhook again at a restart, and handles what a crash left unhandled", async () => {
    const { bot } = await webhookBot();
    await bot.restart(async (file) => {
      // As if the process died after storing an update and before handling it.
      const db = createDatabase(file);
      await db
        .insertInto("telegram_updates")
        .values({
          update_id: 8001,
          payload: JSON.stringify(textUpdate(8001, "/gates")),
          received_at: new Date().toISOString(),
          received_by: null,
        })
        .execute();
      await db.destroy();
    });
    expect(bot.api.calls.filter((c) => c.method === "setWebhook")).toHaveLength(1);
    const reply = await bot.api.waitFor((c) => c.method === "sendMessage" && c.payload.chat_id === lan.id);
    expect(String(reply.payload.text)).toContain("Hữu Nghị");
  });

  it("reports health and readiness on the same port", async () => {
    const { bot } = await webhookBot();
    const base = bot.app.http!.url;
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: "ready", checks: { database: "ok", migrations: "ok", botApi: "ok" } });
  });
});

describe("long polling (no WEBHOOK_URL)", () => {
  it("removes a webhook left registered, so polling is not refused with 409", async () => {
    bot = await startTestBot();
    const { api } = bot;
    await bot.restart(async () => {
      const set = await fetch(`${api.apiRoot}/bot${api.token}/setWebhook`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ url: "https://old.example.vn/telegram" }),
      });
      expect(set.status).toBe(200);
    });
    expect(bot.api.calls.some((c) => c.method === "deleteWebhook")).toBe(true);
    expect(await bot.ask(lan, "/start")).toBeTruthy();
  });
});
