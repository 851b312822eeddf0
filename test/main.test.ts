import { afterEach, describe, expect, it } from "vitest";
import { type FakeBotApi, startFakeBotApi } from "./helpers/fake-bot-api.js";
import { TEST_TOKEN, tempDatabasePath } from "./helpers/app.js";
import { spawnMain } from "./helpers/process.js";

let api: FakeBotApi | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
});

describe("npm start", () => {
  it("without BOT_TOKEN says how to get one and stops", async () => {
    const bot = spawnMain({ DATABASE_URL: tempDatabasePath() });
    expect(await bot.exited).toBe(1);
    expect(bot.output()).toContain("BOT_TOKEN is not set");
    expect(bot.output()).toContain("@BotFather");
  });

  it("names a bad variable and stops", async () => {
    const bot = spawnMain({ BOT_TOKEN: TEST_TOKEN, TIMEZONE: "Nowhere/Land" });
    expect(await bot.exited).toBe(2);
    expect(bot.output()).toContain("TIMEZONE: must be an IANA time zone");
  });

  it("with a token the Bot API rejects ends with a clear 401 message", async () => {
    api = await startFakeBotApi({ token: TEST_TOKEN });
    const bot = spawnMain({ BOT_TOKEN: "987654321:WRONG-token-wrong-token-wrong", TELEGRAM_API_ROOT: api.apiRoot, DATABASE_URL: tempDatabasePath() });
    expect(await bot.exited).toBe(1);
    expect(bot.output()).toContain("Telegram rejected BOT_TOKEN (401 Unauthorized)");
  });

  it("migrates, keeps running when setMyCommands fails, answers, and stops cleanly on SIGTERM", async () => {
    api = await startFakeBotApi({ token: TEST_TOKEN });
    api.failNext("setMyCommands", { status: 404, body: { ok: false, error_code: 404, description: "Not Found: method not found" } }, 10);
    const bot = spawnMain({ BOT_TOKEN: TEST_TOKEN, TELEGRAM_API_ROOT: api.apiRoot, DATABASE_URL: tempDatabasePath() });
    await api.waitFor((c) => c.method === "getUpdates", { timeoutMs: 15_000 });
    const since = api.calls.length;
    api.sendText({ id: 77, first_name: "Minh", language_code: "vi" }, "/start");
    expect(String((await api.nextReply(77, { since, timeoutMs: 10_000 })).payload.text)).toContain("Xin chào Minh");
    // The log line travels through a pipe, the reply through HTTP: either may arrive first.
    await expect.poll(() => bot.output(), { timeout: 5000 }).toContain("setMyCommands failed");
    bot.child.kill("SIGTERM");
    expect(await bot.exited).toBe(0);
  });
});
