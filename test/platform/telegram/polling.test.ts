import { afterEach, describe, expect, it } from "vitest";
import { startTestBot, type TestBot } from "../../helpers/app.js";
import { recordingLogger } from "../../helpers/logs.js";

const user = { id: 501, first_name: "Hà", language_code: "vi" };
let bot: TestBot | undefined;
afterEach(async () => {
  await bot?.stop();
  bot = undefined;
});

describe("long polling under Bot API faults", () => {
  it("logs which 409 conflict it met, waits, and goes on answering", async () => {
    const logs = recordingLogger();
    bot = await startTestBot({}, { faults: true, logger: logs.logger });
    bot.proxy!.inject("getUpdates", "conflict");
    bot.proxy!.inject("getUpdates", "webhook-conflict");
    // A message ends the poll in hand; the next two polls meet the conflicts.
    expect(await bot.ask(user, "/start")).toContain("Xin chào");
    expect(await bot.ask(user, "/start")).toContain("Xin chào");
    expect(bot.proxy!.injected).toHaveLength(2);
    expect(logs.text()).toContain("another process is polling with this BOT_TOKEN (409 Conflict");
    expect(logs.text()).toContain("a webhook is set for this bot");
    expect(logs.text()).toMatch(/retrying in 1 s[\s\S]*retrying in 2 s/);
  });

  it("retries a getUpdates that met a 502 or a dropped connection", async () => {
    bot = await startTestBot({}, { faults: true });
    bot.proxy!.inject("getUpdates", "bad-gateway");
    bot.proxy!.inject("getUpdates", "drop");
    expect(await bot.ask(user, "/start")).toContain("Xin chào");
    expect(await bot.ask(user, "/start")).toContain("Xin chào");
    expect(bot.proxy!.injected.map((f) => f.fault)).toEqual(["bad-gateway", "drop"]);
  });

  it("cuts a hung getUpdates at its poll timeout plus a margin and goes on answering", async () => {
    bot = await startTestBot({ BOT_API_TIMEOUT_SECONDS: "1" }, { faults: true });
    bot.proxy!.inject("getUpdates", "hang");
    await expect.poll(() => bot!.proxy!.injected.length, { timeout: 5000 }).toBe(1);
    const started = Date.now();
    expect(await bot.ask(user, "/start")).toContain("Xin chào");
    // A 1 s poll plus a 1 s margin, then a 1 s wait before the retry.
    expect(Date.now() - started).toBeLessThan(6000);
  });

  it("cuts a hung sendMessage at the timeout, so the chat's next message is answered", async () => {
    bot = await startTestBot({ BOT_API_TIMEOUT_SECONDS: "1" }, { faults: true });
    bot.proxy!.inject("sendMessage", "hang");
    bot.api.sendText(user, "/start");
    await expect.poll(() => bot!.proxy!.injected.length, { timeout: 5000 }).toBe(1);
    expect(await bot.ask(user, "/help")).not.toBe("");
  });

  it("stops at once while a long poll is waiting", async () => {
    bot = await startTestBot({}, { faults: true });
    expect(await bot.ask(user, "/start")).toContain("Xin chào");
    const started = Date.now();
    await bot.app.stop();
    expect(Date.now() - started).toBeLessThan(2000);
    bot.app.stop = async () => undefined; // stopped already
  });

  it("ends polling through the app's failure when Telegram stops accepting the token", async () => {
    bot = await startTestBot({}, { faults: true });
    bot.proxy!.inject("getUpdates", "unauthorized", Number.POSITIVE_INFINITY);
    bot.api.sendText(user, "/start");
    const failure = (await bot.app.failure) as { error_code?: number };
    expect(failure.error_code).toBe(401);
  });
});
