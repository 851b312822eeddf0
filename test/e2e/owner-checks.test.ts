import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestBot, TEST_NOW, type TestBot } from "../helpers/app.js";
import { Chat, says, textOf } from "../helpers/chat.js";
import { insertTestRegistration } from "../helpers/registrations.js";

let bot: TestBot;
let nextId = 17_700;

beforeAll(async () => {
  bot = await startTestBot();
});
afterAll(async () => bot.stop());

const user = async (language_code = "en") => {
  const c = new Chat(bot.api, { id: nextId++, first_name: "Lan", language_code });
  await c.say("/start", "Hello");
  return c;
};

describe("editing the contact of someone else's registration (my:e:<id>)", () => {
  it("answers exactly as for a registration that does not exist, before showing anything", async () => {
    const owner = await user();
    const row = await insertTestRegistration(bot.app.db, new Date(TEST_NOW), {
      fairId: "vn-cn-laocai-2026",
      userId: owner.user.id,
      status: "pending",
      booths: 1,
    });
    const stranger = await user();
    const forTheirs = await stranger.press(`my:e:${row.id}`, says("en", "common.not_found"));
    const forNone = await stranger.press("my:e:999999", says("en", "common.not_found"));
    expect(textOf(forTheirs)).toBe(textOf(forNone));
    expect(bot.api.messagesTo(stranger.user.id).some((c) => textOf(c).includes(says("en", "registration.edit.ask_field")))).toBe(
      false,
    );
    // The owner still can.
    await owner.press(`my:e:${row.id}`, says("en", "registration.edit.ask_field"));
  });
});
