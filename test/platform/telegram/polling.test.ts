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

  it("ends polling through the app's failure when Telegram stops accepting the token", async () => {
    bot = await startTestBot({}, { faults: true });
    bot.proxy!.inject("getUpdates", "unauthorized", Number.POSITIVE_INFINITY);
    bot.api.sendText(user, "/start");
    const failure = (await bot.app.failure) as { error_code?: number };
    expect(failure.error_code).toBe(401);
  });
});
