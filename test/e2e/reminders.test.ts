import type { Message } from "grammy/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Locale } from "../../src/domain/locale.js";
import { findUser } from "../../src/modules/people/people.service.js";
import { buttonsOf, startTestBot, TEST_TOKEN, type TestBot } from "../helpers/app.js";
import { Chat, says, textOf } from "../helpers/chat.js";
import type { UploadedFile } from "../helpers/fake-bot-api.js";
import { childrenOf, instantOf, parseIcs, prop } from "../helpers/ics.js";
import { spawnMain } from "../helpers/process.js";
import { publishFair } from "../helpers/reminders.js";

const LANG_SON = "vn-cn-langson-2026";
let bot: TestBot;
let nextId = 9000;
const chat = (language_code: Locale) => new Chat(bot.api, { id: nextId++, first_name: "Tuấn", language_code });

beforeAll(async () => {
  bot = await startTestBot();
});
afterAll(async () => bot.stop());

/** `npm run reminders -- <args>` against the running bot's database and Bot API. */
async function reminders(...args: string[]): Promise<string> {
  const run = spawnMain(
    { BOT_TOKEN: TEST_TOKEN, TELEGRAM_API_ROOT: bot.api.apiRoot, DATABASE_URL: bot.file, LOG_LEVEL: "warn" },
    "src/cli/reminders.ts",
    args,
  );
  const code = await run.exited;
  expect(code, run.output()).toBe(0);
  return run.output();
}

const deliveredTo = (c: Chat) => bot.api.delivered.filter((call) => String(call.payload.chat_id) === String(c.user.id));

/** Follows a province by buttons, as a user would. */
async function followProvince(c: Chat, locale: Locale, slug: string): Promise<void> {
  await c.say("/subscribe", says(locale, "subscribe.title"));
  await c.press("sub:v:p", says(locale, "subscribe.choose_provinces"));
  await c.toggle(`sub:p:${slug}`);
  await c.press("sub:done", says(locale, "subscribe.following"));
}

/** The reminder as the user's chat holds it, to press its buttons (not those of a later message). */
function asMessage(c: Chat, text: string): Message {
  return {
    message_id: 1_000_000 + c.user.id,
    date: 0,
    chat: { id: c.user.id, type: "private", first_name: "Tuấn" },
    text,
  } as Message;
}

describe("npm run reminders -- --at", () => {
  it("sends the reminder due at that moment, in the user's language, with working buttons", async () => {
    const c = chat("zh");
    await followProvince(c, "zh", "lang-son");
    const since = bot.api.calls.length;
    const output = await reminders("--at", "2026-11-28T09:00:00+07:00");
    expect(output).toContain(`deadline_7d ${LANG_SON}  user ${c.user.id} (zh)`);
    expect(output).toContain("sent 1");

    const reminder = await bot.api.waitFor((call) => call.method === "sendMessage" && call.payload.chat_id === c.user.id, {
      since,
    });
    const text = textOf(reminder);
    expect(text).toContain("报名即将截止");
    expect(text).toContain("2026中越（谅山）国际商贸旅游博览会");
    expect(text).toContain("还剩2天");
    expect(text).toContain("2026年11月30日 23:59");
    expect(buttonsOf(reminder.payload).map((b) => b.data)).toEqual([`fair:${LANG_SON}`, `reg:${LANG_SON}`, `cal:${LANG_SON}`]);
    expect(buttonsOf(reminder.payload).map((b) => b.text)).toEqual(["ℹ️ 查看展会", "📝 报名参展", "📅 添加到日历"]);

    const message = asMessage(c, text);
    await c.expect(() => bot.api.pressButton(c.user, `fair:${LANG_SON}`, message), "谅山市中心广场");
    const file = await c.expect(() => bot.api.pressButton(c.user, `cal:${LANG_SON}`, message), says("zh", "calendar.caption"));
    const calendar = parseIcs((file.payload.document as UploadedFile).data.toString("utf8"));
    const [fair, deadline] = childrenOf(calendar, "VEVENT");
    expect(instantOf(calendar, prop(fair!, "DTSTART")!)).toBe("2026-12-08");
    expect(instantOf(calendar, prop(fair!, "DTEND")!)).toBe("2026-12-13");
    expect(instantOf(calendar, prop(deadline!, "DTSTART")!)).toBe("2026-11-30T16:59:00.000Z");
    await c.expect(() => bot.api.pressButton(c.user, `reg:${LANG_SON}`, message), says("zh", "signup.ask_company"));
    await c.say("/cancel", says("zh", "signup.cancelled"));
  });

  it("announces a newly imported fair to those who follow its province", async () => {
    const c = chat("en");
    await followProvince(c, "en", "lang-son");
    await publishFair(bot.app.db, "2026-11-25T09:00:00+07:00", {
      id: "lang-son-spring-2027",
      name: { vi: "Hội chợ Xuân Lạng Sơn 2027", zh: "2027谅山春季博览会", en: "Lang Son Spring Fair 2027" },
    });
    const output = await reminders("--at", "2026-11-25T09:05:00+07:00");
    expect(output).toContain(`new_fair    lang-son-spring-2027  user ${c.user.id} (en)`);
    const [news] = deliveredTo(c).filter((call) => textOf(call).includes("A new fair"));
    expect(textOf(news!)).toContain("Lang Son Spring Fair 2027");
    expect(buttonsOf(news!.payload).map((b) => b.data)).toEqual([
      "fair:lang-son-spring-2027",
      "reg:lang-son-spring-2027",
      "cal:lang-son-spring-2027",
    ]);
    await c.expect(
      () => bot.api.pressButton(c.user, "fair:lang-son-spring-2027", asMessage(c, textOf(news!))),
      "Lang Son Spring Fair 2027",
    );
  });

  it("run again for the same moment, sends nothing more", async () => {
    const c = chat("vi");
    await followProvince(c, "vi", "lang-son");
    await reminders("--at", "2026-11-28T10:00:00+07:00");
    expect(deliveredTo(c).filter((call) => textOf(call).includes("Sắp hết hạn đăng ký"))).toHaveLength(1);
    const again = await reminders("--at", "2026-11-28T10:00:00+07:00");
    expect(again).toContain("0 reminder(s) due");
    expect(deliveredTo(c).filter((call) => textOf(call).includes("Sắp hết hạn đăng ký"))).toHaveLength(1);
  });

  it("two runs at once send each reminder once", async () => {
    const c = chat("vi");
    await followProvince(c, "vi", "lao-cai");
    await Promise.all([reminders("--at", "2026-11-29T08:00:00+07:00"), reminders("--at", "2026-11-29T08:00:00+07:00")]);
    expect(deliveredTo(c).filter((call) => textOf(call).includes("Lào Cai"))).toHaveLength(1);
  });

  it("holds what falls in quiet hours until 07:30, then sends it", async () => {
    const c = chat("en");
    await followProvince(c, "en", "quang-ninh");
    const evening = await reminders("--at", "2026-12-18T23:59:00+07:00");
    expect(evening).toContain("after quiet hours: 2026-12-19 07:30");
    expect(deliveredTo(c).filter((call) => textOf(call).includes("Registration closes soon"))).toHaveLength(0);
    await reminders("--at", "2026-12-19T07:30:00+07:00");
    const [reminder] = deliveredTo(c).filter((call) => textOf(call).includes("Registration closes soon"));
    expect(textOf(reminder!)).toContain("Mong Cai");
    expect(textOf(reminder!)).toContain("6 days left");
  });

  /** A user whose reminder is held for the morning by quiet hours, and who then stops all reminders. */
  async function heldThenUnsubscribed(): Promise<Chat> {
    const c = chat("en");
    await followProvince(c, "en", "quang-ninh");
    expect(await reminders("--at", "2026-12-18T23:59:00+07:00")).toContain("after quiet hours: 2026-12-19 07:30");
    await c.say("/unsubscribe", says("en", "subscribe.unsubscribe_title"));
    await c.press("uns:all", says("en", "subscribe.removed_all"));
    return c;
  }

  it("a reminder held for the morning is not sent to a user who unsubscribed in the evening", async () => {
    const c = await heldThenUnsubscribed();
    await reminders("--at", "2026-12-19T07:30:00+07:00");
    expect(deliveredTo(c).filter((call) => textOf(call).includes("Registration closes soon"))).toHaveLength(0);
  });

  it("unsubscribing and following again before the morning still gets the reminder, once", async () => {
    const c = await heldThenUnsubscribed();
    await followProvince(c, "en", "quang-ninh");
    await reminders("--at", "2026-12-19T07:30:00+07:00");
    expect(deliveredTo(c).filter((call) => textOf(call).includes("Registration closes soon"))).toHaveLength(1);
  });

  it("--dry-run lists what would be sent and sends nothing", async () => {
    const c = chat("en");
    await c.say("/subscribe", says("en", "subscribe.title"));
    await c.toggle("sub:all");
    const output = await reminders("--at", "2026-11-24T09:00:00+07:00", "--dry-run");
    expect(output).toContain("dry run");
    expect(output).toContain(`deadline_7d ${LANG_SON}  user ${c.user.id} (en)`);
    expect(deliveredTo(c).filter((call) => textOf(call).includes("Registration closes soon"))).toEqual([]);
  });

  it("a user who blocked the bot is skipped from then on, and gets reminders again after unblocking", async () => {
    const c = chat("vi");
    await followProvince(c, "vi", "lang-son");
    bot.api.block(c.user.id);
    expect(await reminders("--at", "2026-11-28T11:00:00+07:00")).toMatch(/blocked [1-9]/);
    expect((await findUser(bot.app.db, c.user.id))?.active).toBe(0);
    expect(await reminders("--at", "2026-11-30T08:00:00+07:00")).not.toContain(`user ${c.user.id}`);

    bot.api.unblock(c.user.id);
    const me = { ...bot.api.botInfo };
    const chatOf = { id: c.user.id, type: "private" as const, first_name: "Tuấn" };
    bot.api.pushUpdate({
      my_chat_member: {
        chat: chatOf,
        from: { id: c.user.id, is_bot: false, first_name: "Tuấn" },
        date: 0,
        old_chat_member: { status: "kicked", user: me, until_date: 0 },
        new_chat_member: { status: "member", user: me },
      },
    });
    await expect.poll(async () => (await findUser(bot.app.db, c.user.id))?.active).toBe(1);
    expect(await reminders("--at", "2026-11-30T09:00:00+07:00")).toContain(`deadline_1d ${LANG_SON}  user ${c.user.id} (vi)`);
    expect(deliveredTo(c).filter((call) => textOf(call).includes("hôm nay là ngày cuối"))).toHaveLength(1);
  });

  it("refuses a moment without an offset", async () => {
    const run = spawnMain({ DATABASE_URL: bot.file }, "src/cli/reminders.ts", ["--at", "2026-11-28T09:00"]);
    expect(await run.exited).toBe(2);
    expect(run.output()).toContain("Usage: npm run reminders");
  });
});
