import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setStaffRole } from "../../src/modules/people/people.service.js";
import { findRegistration } from "../../src/modules/registrations/registrations.repository.js";
import { listAudit } from "../../src/modules/staff/audit.repository.js";
import { startTestBot, TEST_NOW, type TestBot } from "../helpers/app.js";
import { Chat, says } from "../helpers/chat.js";
import { insertTestRegistration } from "../helpers/registrations.js";

const ADMIN = { id: 17_500, first_name: "Hoa", language_code: "en" };
const FAIR = "vn-cn-laocai-2026";
let bot: TestBot;
let nextId = 17_510;
const now = new Date(TEST_NOW);

beforeAll(async () => {
  bot = await startTestBot({ ADMIN_IDS: String(ADMIN.id) });
});
afterAll(async () => bot.stop());

/** A pending registration of a new company. */
async function pending() {
  const company = { id: nextId++, first_name: "Minh", language_code: "vi" };
  await bot.ask(company, "/start");
  return {
    company,
    row: await insertTestRegistration(bot.app.db, now, { fairId: FAIR, userId: company.id, status: "pending", booths: 1 }),
  };
}

/** A staff member (not an admin) with a private chat open. */
async function staffMember() {
  const member = { id: nextId++, first_name: "Tuan", language_code: "en" };
  await bot.ask(member, "/start");
  await setStaffRole(bot.app.db, member.id, true, now);
  return new Chat(bot.api, member);
}

describe("a staff member demoted after pressing Reject", () => {
  it("cannot finish the rejection: nothing is decided or recorded under their id", async () => {
    const { row } = await pending();
    const staff = await staffMember();
    await staff.press(`st:no:${row.id}`, says("en", "review.ask_reason"));
    await staff.press("su:why:other", says("en", "review.ask_note_required"));
    await setStaffRole(bot.app.db, staff.user.id, false, now);
    await staff.say("Documents are incomplete", "you are no longer trade-office staff");
    expect((await findRegistration(bot.app.db, row.id))?.status).toBe("pending");
    expect(
      (await listAudit(bot.app.db)).filter((a) => a.actor_id === staff.user.id && a.action === "registration.reject"),
    ).toEqual([]);
  });
});

describe("Reject pressed in the staff group", () => {
  const GROUP = { id: -100_1717, type: "supergroup" as const, title: "Staff" };
  let messageId = 50_000;
  const inGroup = (from: { id: number; first_name: string }, fields: Record<string, unknown>) =>
    bot.api.pushUpdate({
      message: {
        message_id: messageId++,
        date: Math.floor(Date.now() / 1000),
        chat: GROUP,
        from: { ...from, is_bot: false, language_code: "en" },
        ...fields,
      } as never,
    });
  const toGroup = (since: number, text: string) =>
    bot.api.waitFor(
      (c) => c.method === "sendMessage" && c.payload.chat_id === GROUP.id && String(c.payload.text).includes(text),
      {
        since,
      },
    );

  // The fake Bot API keeps every chat as a private one: its messages are shown in the group here.
  const lastInGroup = () => ({ ...bot.api.chats.lastBotMessage(GROUP.id)!, chat: GROUP }) as never;

  /** Reject pressed on a card in the group, "Other" chosen: the question for the note, as the group sees it. */
  async function askedForNote(rowId: number, reference: string) {
    let since = bot.api.calls.length;
    const card = {
      message_id: messageId++,
      date: 0,
      chat: GROUP,
      from: { id: 1, is_bot: true, first_name: "Bot" },
      text: "card",
    };
    bot.api.pressButton(ADMIN, `st:no:${rowId}`, card as never);
    await toGroup(since, "Why is");
    since = bot.api.calls.length;
    bot.api.pressButton(ADMIN, "su:why:other", lastInGroup());
    const question = await toGroup(since, reference);
    return { payload: question.payload, message: lastInGroup() };
  }

  it("takes as the reason only a reply to its question: the member's chat meanwhile is not sent to the company", async () => {
    const { company, row } = await pending();
    const question = await askedForNote(row.id, row.reference);

    let since = bot.api.calls.length;
    inGroup(ADMIN, { text: "lunch at noon, anyone?" });
    await new Promise((r) => setTimeout(r, 400));
    expect((await findRegistration(bot.app.db, row.id))?.status).toBe("pending");
    expect(bot.api.calls.slice(since).some((c) => c.payload.chat_id === company.id)).toBe(false);
    // Asked as a reply, with the member mentioned so their Telegram opens the reply.
    expect(question.payload.reply_markup).toMatchObject({ force_reply: true, selective: true });
    expect(String(question.payload.text)).toContain(`tg://user?id=${ADMIN.id}`);

    since = bot.api.calls.length;
    inGroup(ADMIN, { text: "The licence scan is unreadable", reply_to_message: question.message });
    await toGroup(since, "The licence scan is unreadable");
    expect(await findRegistration(bot.app.db, row.id)).toMatchObject({
      status: "rejected",
      reject_reason: "The licence scan is unreadable",
    });
  });

  it("can be cancelled with /cancel in the group", async () => {
    const { row } = await pending();
    await askedForNote(row.id, row.reference);
    const since = bot.api.calls.length;
    inGroup(ADMIN, {
      text: "/cancel@" + bot.api.botInfo.username,
      entities: [{ type: "bot_command", offset: 0, length: 8 + bot.api.botInfo.username.length }],
    });
    await toGroup(since, "was not rejected");
    expect((await findRegistration(bot.app.db, row.id))?.status).toBe("pending");
  });
});
