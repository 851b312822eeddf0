import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listUserRegistrations } from "../../src/modules/registrations/registrations.repository.js";
import { startTestBot, type TestBot } from "../helpers/app.js";
import { Chat, says, textOf } from "../helpers/chat.js";
import { fillForm, otherCompany } from "../helpers/signup.js";

const ADMIN = { id: 980, first_name: "Hoa", language_code: "en" };
const LAO_CAI = "vn-cn-laocai-2026";
let bot: TestBot;
let nextId = 9800;

beforeAll(async () => {
  bot = await startTestBot({ ADMIN_IDS: String(ADMIN.id) });
});
afterAll(async () => bot.stop());

/**
 * Presses a button, then the same button again once the first press is handled. The second press
 * finds the message already showing what it asks for: Telegram answers its edit with 400 "message
 * is not modified", which must not reach the user as an error.
 */
async function pressTwice(c: Chat, data: string): Promise<void> {
  const since = bot.api.calls.length;
  let second = 0;
  for (let press = 1; press <= 2; press++) {
    const before = bot.api.calls.length;
    second = before;
    bot.api.pressButton(c.user, data);
    await bot.api.waitFor((call) => call.method === "answerCallbackQuery", { since: before });
    // Let the handler finish its edit (or its error reply) before the next press.
    await bot.api.waitFor((call) => call.method.startsWith("editMessage") || call.method === "sendMessage", { since: before });
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const errors = bot.api
    .messagesTo(c.user.id)
    .filter((call) => bot.api.calls.indexOf(call) >= since && textOf(call).includes(says("en", "common.error")));
  expect(errors, `${data} pressed twice`).toEqual([]);
  // Nothing to change is nothing to send: no new message either.
  const sentAgain = bot.api
    .messagesTo(c.user.id)
    .filter((call) => call.method === "sendMessage" && bot.api.calls.indexOf(call) >= second);
  expect(sentAgain.map(textOf), `${data} pressed the second time`).toEqual([]);
}

describe("a button pressed twice is answered, never with an error", () => {
  it("paging through /fairs and /deadlines", async () => {
    const c = new Chat(bot.api, { id: nextId++, first_name: "Lan", language_code: "en" });
    await c.say("/fairs", "Upcoming fairs");
    await pressTwice(c, "page:fairs:1");
    await c.say("/deadlines", "registration");
    await pressTwice(c, "page:deadlines:1");
  });

  it("the language buttons", async () => {
    const c = new Chat(bot.api, { id: nextId++, first_name: "Lan", language_code: "en" });
    await c.say("/language", "language");
    await pressTwice(c, "lang:en");
  });

  it("the subscription views", async () => {
    const c = new Chat(bot.api, { id: nextId++, first_name: "Lan", language_code: "en" });
    await c.say("/subscribe", "");
    await pressTwice(c, "sub:v:f");
    await pressTwice(c, "sub:v:m");
    await c.say("/unsubscribe", "");
    await pressTwice(c, "uns:list");
  });

  it("Keep on a registration's cancel question", async () => {
    const c = new Chat(bot.api, { id: nextId++, first_name: "Lan", language_code: "en" });
    await fillForm(c, "en", otherCompany(1), LAO_CAI);
    await c.press("su:confirm", says("en", "signup.done"));
    const [row] = await listUserRegistrations(bot.app.db, c.user.id);
    await c.say("/myregistrations", row!.reference);
    await pressTwice(c, `my:ck:${row!.id}`);
  });

  it("the staff's review desk pages and audit log pages", async () => {
    const staff = new Chat(bot.api, ADMIN);
    await staff.say("/registrations", says("en", "review.choose_fair"));
    await staff.press(`sr:f:${LAO_CAI}`, says("en", "review.places_left.booths"));
    await pressTwice(staff, `sr:p:${LAO_CAI}:0`);
    await staff.say("/audit", "");
    await pressTwice(staff, "au:0");
  });
});
