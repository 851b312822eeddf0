import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readConversation } from "../../src/bot/conversation-store.js";
import { findRegistrationByTaxId } from "../../src/modules/registrations/registrations.repository.js";
import { createDatabase, type DB } from "../../src/platform/db/connection.js";
import { demoDatabase, TEST_TOKEN } from "../helpers/app.js";
import { Chat, says, textOf } from "../helpers/chat.js";
import { type ApiCall, type FakeBotApi, startFakeBotApi } from "../helpers/fake-bot-api.js";
import { type BotProcess, startMain, until } from "../helpers/process.js";

// src/main.ts runs on the system clock, so the fair must still be open today: this is the open demo
// fair with the latest deadline. After 20 March 2027 the test needs a fair with a later deadline.
const FAIR = "green-industry-langson-2027";
const DEADLINE = "2027-03-20T23:59:00+07:00";
const USER = { id: 4242, first_name: "An", language_code: "en" };
const ANSWERS = {
  company: "Công ty TNHH Đông Á",
  taxId: "0100233488",
  booths: "2",
  person: "Nguyễn Văn An",
  phone: "0983 456 789",
  email: "an@dong-a.vn",
};
const START_MS = 20_000;

let api: FakeBotApi;
let file: string;
let reader: DB;
let bot: BotProcess | undefined;
const told: { afterEmail?: ApiCall; sinceRestart: ApiCall[] } = { sinceRestart: [] };

beforeAll(async () => {
  if (Date.now() >= Date.parse(DEADLINE))
    throw new Error(`${FAIR} closed on ${DEADLINE}: pick a demo fair still open on the system date`);
  api = await startFakeBotApi({ token: TEST_TOKEN });
  const demo = await demoDatabase();
  await demo.db.destroy();
  file = demo.file;
  reader = createDatabase(file);
  const env = { BOT_TOKEN: api.token, TELEGRAM_API_ROOT: api.apiRoot, DATABASE_URL: file, ADMIN_IDS: "900" };

  bot = await startMain(api, env, START_MS);
  const chat = new Chat(api, USER);
  await chat.say("/register", says("en", "signup.ask_fair"));
  await chat.press(`su:fair:${FAIR}`, says("en", "signup.ask_company"));
  await chat.say(ANSWERS.company, says("en", "signup.ask_country"));
  await chat.press("su:country:VN", says("en", "signup.ask_tax_id.VN"));
  await chat.say(ANSWERS.taxId, says("en", "signup.ask_sectors"));
  await chat.toggle("su:sector:machinery");
  await chat.toggle("su:sector:energy");
  await chat.press("su:done", says("en", "signup.ask_booths"));
  await chat.say(ANSWERS.booths, says("en", "signup.ask_contact_person"));
  await chat.say(ANSWERS.person, says("en", "signup.ask_phone.VN"));
  let phoneUpdate = 0;
  const beforePhone = api.calls.length;
  await chat.expect(() => (phoneUpdate = api.sendText(USER, ANSWERS.phone)), says("en", "signup.ask_email"));
  // The e-mail question goes out while the phone answer is still being handled; the step is saved
  // and the update confirmed to Telegram (a getUpdates with a later offset) just after. Crash after both.
  await until(
    async () => (await readConversation(reader, String(USER.id)))?.includes(ANSWERS.phone) ?? false,
    "the phone step to be saved",
    bot,
  );
  await api.waitFor((c) => c.method === "getUpdates" && Number(c.payload.offset ?? 0) > phoneUpdate, {
    since: beforePhone,
    timeoutMs: 10_000,
  });

  bot.child.kill("SIGKILL");
  await bot.exited;
  const restart = api.calls.length;
  bot = await startMain(api, env, START_MS);

  // From here on nothing is expected, only recorded: each test below says what should have happened.
  const answer = async (act: () => unknown) => {
    const since = api.calls.length;
    act();
    // The next question (a press first edits the question it answered to show the choice).
    return api.waitFor((c) => c.method === "sendMessage" && c.payload.chat_id === USER.id, { since, timeoutMs: 10_000 });
  };
  told.afterEmail = await answer(() => api.sendText(USER, ANSWERS.email));
  await answer(() => api.pressButton(USER, "su:skip"));
  await answer(() => api.pressButton(USER, "su:confirm"));
  // New messages only: an answered question is edited to show the answer, which is not asking it again.
  told.sinceRestart = api.messagesTo(USER.id).filter((c) => c.method === "sendMessage" && api.calls.indexOf(c) >= restart);
}, 90_000);

afterAll(async () => {
  if (bot) {
    bot.child.kill("SIGTERM");
    await bot.exited;
  }
  await reader?.destroy();
  await api?.close();
  if (file) fs.rmSync(path.dirname(file), { recursive: true, force: true });
});

describe("the bot process killed (SIGKILL) after the phone step and started again", () => {
  it("takes the next answer as the e-mail and asks for the licence", () => {
    expect(textOf(told.afterEmail!)).toContain(says("en", "signup.ask_licence"));
  });

  it("after Skip and Confirm, the registration holds every answer given before the crash", async () => {
    const row = await findRegistrationByTaxId(reader, FAIR, ANSWERS.taxId);
    expect(row).toMatchObject({
      user_id: USER.id,
      company: ANSWERS.company,
      country: "VN",
      sectors: JSON.stringify(["energy", "machinery"]),
      booths: 2,
      contact_person: ANSWERS.person,
      phone: "+84983456789",
      email: ANSWERS.email,
      licence_file_id: null,
      status: "pending",
    });
  });

  it("the restarted bot sends no earlier question again: only the licence question, the summary and the confirmation", () => {
    const expected = ["signup.ask_licence", "signup.summary_title", "signup.done"].map((key) =>
      expect.stringContaining(says("en", key)),
    );
    expect(told.sinceRestart.map(textOf)).toEqual(expected);
  });
});
