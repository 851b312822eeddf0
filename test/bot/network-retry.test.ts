import { afterEach, describe, expect, it } from "vitest";
import { NETWORK_RETRIES } from "../../src/bot/create-bot.js";
import { startTestBot, type TestBot } from "../helpers/app.js";

const user = { id: 601, first_name: "Minh", language_code: "vi" };
let bot: TestBot | undefined;
afterEach(async () => {
  await bot?.stop();
  bot = undefined;
});

describe("a reply that meets a network error", () => {
  it("is sent again when its connection drops", async () => {
    bot = await startTestBot({}, { faults: true });
    bot.proxy!.inject("sendMessage", "drop");
    expect(await bot.ask(user, "/start")).toContain("Xin chào");
    expect(bot.proxy!.injected).toEqual([{ method: "sendMessage", fault: "drop" }]);
  });

  it("is given up after a bounded number of retries, the user is told, and the chat goes on", async () => {
    bot = await startTestBot({}, { faults: true });
    bot.proxy!.inject("sendMessage", "drop", NETWORK_RETRIES.retries + 1);
    // The error boundary's apology is the first message that gets through.
    const apology = await bot.ask(user, "/start");
    expect(apology).not.toContain("Xin chào");
    expect(apology).not.toBe("");
    expect(await bot.ask(user, "/start")).toContain("Xin chào");
    expect(bot.proxy!.injected).toHaveLength(NETWORK_RETRIES.retries + 1);
  });
});
