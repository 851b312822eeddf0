import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestBot, type TestBot } from "../helpers/app.js";
import { Chat, says, textOf } from "../helpers/chat.js";

let bot: TestBot;
let nextId = 17_800;
const GROUP = { id: -100_1718, type: "supergroup" as const, title: "Traders" };

beforeAll(async () => {
  bot = await startTestBot();
});
afterAll(async () => bot.stop());

const chat = async (language_code: "vi" | "zh" | "en") => {
  const c = new Chat(bot.api, { id: nextId++, first_name: "Lan", language_code });
  await c.say("/start", says(language_code, "start.greeting").split(" ")[0]!);
  return c;
};

describe("outside a form", () => {
  const media: Array<[string, Record<string, unknown>]> = [
    [
      "a sticker",
      {
        sticker: {
          file_id: "s1",
          file_unique_id: "s1",
          type: "regular",
          width: 512,
          height: 512,
          is_animated: false,
          is_video: false,
        },
      },
    ],
    ["a voice note", { voice: { file_id: "v1", file_unique_id: "v1", duration: 3 } }],
    ["a photo", { photo: [{ file_id: "p1", file_unique_id: "p1", width: 800, height: 600 }] }],
    ["a location", { location: { latitude: 21.85, longitude: 106.76 } }],
  ];
  for (const [what, fields] of media) {
    it(`${what} gets a short hint instead of silence`, async () => {
      const c = await chat("vi");
      await c.expect(() => bot.api.sendMessageFrom(c.user, fields), says("vi", "common.media_hint"));
    });
  }
});

describe("in a group", () => {
  const inGroup = (text: string) => {
    const command = text.split(" ")[0]!;
    return bot.api.pushUpdate({
      message: {
        message_id: nextId++,
        date: Math.floor(Date.now() / 1000),
        chat: GROUP,
        from: { id: nextId++, is_bot: false, first_name: "An", language_code: "en" },
        text,
        entities: [{ type: "bot_command", offset: 0, length: command.length }],
      },
    } as never);
  };

  for (const [command, link] of [
    ["register", "register"],
    ["myregistrations", "mine"],
    ["subscribe", "subscribe"],
  ]) {
    it(`/${command}@bot points to the private chat with a link that opens it there`, async () => {
      const since = bot.api.calls.length;
      inGroup(`/${command}@${bot.api.botInfo.username}`);
      const reply = await bot.api.waitFor((c) => c.method === "sendMessage" && c.payload.chat_id === GROUP.id, { since });
      expect(textOf(reply)).toContain(`/${command} works in a private chat with me`);
      const markup = reply.payload.reply_markup as { inline_keyboard: Array<Array<{ url?: string }>> };
      expect(markup.inline_keyboard[0]![0]!.url).toBe(`https://t.me/${bot.api.botInfo.username}?start=${link}`);
    });
  }
});

describe("the private chat opened from such a link", () => {
  it("starts the sign-up, lists the registrations, or shows reminders", async () => {
    const c = await chat("en");
    await c.say("/start register", says("en", "signup.ask_fair"));
    await c.say("/cancel", says("en", "signup.cancelled"));
    await c.say("/start mine", says("en", "registration.none"));
    await c.say("/start subscribe", says("en", "subscribe.title"));
  });
});
