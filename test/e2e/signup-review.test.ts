import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONVERSATION_VERSION } from "../../src/bot/conversations.js";
import type { Locale } from "../../src/domain/locale.js";
import { findRegistration, listUserRegistrations } from "../../src/modules/registrations/registrations.repository.js";
import { listAudit } from "../../src/modules/staff/audit.repository.js";
import { createDatabase } from "../../src/platform/db/connection.js";
import { buttonsOf, startTestBot, type TestBot } from "../helpers/app.js";
import { buttonData, Chat, says, textOf } from "../helpers/chat.js";

const ADMIN = { id: 901, first_name: "Hoa", language_code: "vi" };
const SEMINAR = "quangninh-nanning-seminar-2027";
let bot: TestBot;
let nextId = 7000;
const chat = (language_code: Locale, first_name = "Lan") => new Chat(bot.api, { id: nextId++, first_name, language_code });
const admin = () => new Chat(bot.api, ADMIN);
let taxSerial = 1;

beforeAll(async () => {
  bot = await startTestBot({ ADMIN_IDS: String(ADMIN.id) });
  await bot.app.db.updateTable("fairs").set({ booth_capacity: 4 }).where("id", "=", SEMINAR).execute();
});
afterAll(async () => bot.stop());

/** A sign-up for the seminar (4 seats: it asks for attendees) with country "other", from /register to the message after Confirm. */
async function signUp(c: Chat, locale: Locale, booths: number, expected: string, fits = true) {
  await c.say("/register", says(locale, "signup.ask_fair"));
  await c.press(`su:fair:${SEMINAR}`, says(locale, "signup.ask_company"));
  await c.say(`Company ${c.user.id}`, says(locale, "signup.ask_country"));
  await c.press("su:country:other", says(locale, "signup.ask_tax_id.other"));
  await c.say(`TX-${taxSerial++}`, says(locale, "signup.ask_sectors"));
  await c.toggle("su:sector:logistics");
  await c.press("su:done", says(locale, "signup.ask_booths_seats"));
  await c.say(String(booths), fits ? says(locale, "signup.ask_contact_person") : says(locale, "signup.not_enough_booths_seats"));
  return { finish: () => finish(c, locale, expected) };
}

async function finish(c: Chat, locale: Locale, expected: string) {
  await c.say("Pat Lee", says(locale, "signup.ask_phone.other"));
  await c.say("+856 20 5555 1234", says(locale, "signup.ask_email"));
  await c.say("pat@example.com", says(locale, "signup.ask_licence"));
  await c.press("su:skip", says(locale, "signup.summary_title"));
  await c.press("su:confirm", says(locale, expected));
  const [row] = await listUserRegistrations(bot.app.db, c.user.id);
  return row!;
}

describe("staff review and the waitlist", () => {
  let first: Chat;
  let firstId: number;
  let waiting: Chat;
  let waitingId: number;

  it("a request beyond the booths left is offered the waitlist with its position", async () => {
    first = chat("zh");
    firstId = (await (await signUp(first, "zh", 3, "signup.done")).finish()).id;
    waiting = chat("en");
    await signUp(waiting, "en", 2, "", false);
    const offer = await waiting.press("su:wl:change", says("en", "signup.ask_booths_seats"));
    expect(textOf(offer)).toContain("1 seats left");
    await waiting.say("2", says("en", "signup.not_enough_booths_seats"));
    await waiting.press("su:wl:yes", says("en", "signup.ask_contact_person"));
    const row = await finish(waiting, "en", "signup.done_waitlisted");
    waitingId = row.id;
    expect(row.status).toBe("waitlisted");
  });

  it("a forged Approve from a non-staff user is refused, audited, and changes nothing", async () => {
    const intruder = chat("en");
    await intruder.say("/start", "Hello");
    const since = bot.api.calls.length;
    bot.api.pressButton(intruder.user, `st:ok:${firstId}`);
    const refusal = await bot.api.waitFor(
      (c) => c.method === "answerCallbackQuery" && String(c.payload.text ?? "").includes(says("en", "review.not_allowed")),
      { since },
    );
    expect(refusal).toBeTruthy();
    expect((await findRegistration(bot.app.db, firstId))?.status).toBe("pending");
    const audit = await bot.app.db
      .selectFrom("audit_log")
      .select(["action", "target"])
      .where("actor_id", "=", intruder.user.id)
      .execute();
    expect(audit).toEqual([{ action: "access.denied", target: `st:ok:${firstId}` }]);
  });

  it("Reject asks staff for a reason; the applicant is told it in their language, and the waitlist moves", async () => {
    const staff = admin();
    await staff.say("/start", "Xin chào");
    const reasons = await staff.press(`st:no:${firstId}`, says("vi", "review.ask_reason"));
    expect(buttonData(reasons)).toEqual([
      "su:why:missing_licence",
      "su:why:fair_full",
      "su:why:sector",
      "su:why:duplicate",
      "su:why:other",
      "su:cancel",
    ]);
    await staff.press("su:why:missing_licence", says("vi", "review.ask_note"));
    await staff.say("ok", says("vi", "review.reason_length"));
    const since = bot.api.calls.length;
    await staff.say("Thiếu giấy phép kinh doanh", "Thiếu giấy phép kinh doanh");
    const told = await bot.api.waitFor(
      (c) => c.payload.chat_id === first.user.id && textOf(c).includes("Thiếu giấy phép kinh doanh"),
      { since },
    );
    expect(textOf(told)).toContain(says("zh", "registration.outcome.rejected"));
    // The preset reason in the applicant's language, the office's words as written and labelled.
    expect(textOf(told)).toContain("缺少营业执照");
    expect(textOf(told)).toContain(says("zh", "registration.field.office_note"));
    expect(buttonData(told)).toContain(`my:f:${firstId}`);
    const offer = await bot.api.waitFor(
      (c) => c.payload.chat_id === waiting.user.id && textOf(c).includes(says("en", "registration.offer_title_seats")),
      { since },
    );
    expect(buttonsOf(offer.payload).map((b) => b.data)).toEqual([`of:yes:${waitingId}`, `of:no:${waitingId}`]);
    expect((await findRegistration(bot.app.db, firstId))?.status).toBe("rejected");
    expect((await findRegistration(bot.app.db, waitingId))?.status).toBe("offered");
    const audited = (await listAudit(bot.app.db)).find((a) => a.action === "registration.reject");
    expect(audited).toMatchObject({ actor_id: ADMIN.id, target: (await findRegistration(bot.app.db, firstId))?.reference });
    expect(JSON.parse(audited!.details!)).toEqual({ code: "missing_licence", note: "Thiếu giấy phép kinh doanh" });
  });

  it("accepting the offer makes the registration pending again and staff are asked to review it", async () => {
    const since = bot.api.calls.length;
    await waiting.press(`of:yes:${waitingId}`, says("en", "registration.status.pending"));
    await bot.api.waitFor((c) => c.payload.chat_id === ADMIN.id && textOf(c).includes(says("vi", "review.event.accepted")), {
      since,
    });
    expect(await findRegistration(bot.app.db, waitingId)).toMatchObject({ status: "pending", booths: 2 });
  });

  it("Approve tells the applicant, and a second press says it was already decided", async () => {
    const staff = admin();
    const since = bot.api.calls.length;
    await staff.press(`st:ok:${waitingId}`, "được Hoa duyệt");
    await bot.api.waitFor(
      (c) => c.payload.chat_id === waiting.user.id && textOf(c).includes(says("en", "registration.outcome.approved")),
      { since },
    );
    const again = bot.api.calls.length;
    bot.api.pressButton(staff.user, `st:ok:${waitingId}`);
    await bot.api.waitFor((c) => c.method === "answerCallbackQuery" && String(c.payload.text ?? "").includes("Đã duyệt"), {
      since: again,
    });
  });

  it("Reject pressed on a second registration while the first one's reason is asked: the reason goes to the second", async () => {
    await bot.app.db.updateTable("fairs").set({ booth_capacity: 100 }).where("id", "=", SEMINAR).execute();
    const [one, two] = [chat("vi"), chat("vi")];
    const oneId = (await (await signUp(one, "vi", 1, "signup.done")).finish()).id;
    const twoId = (await (await signUp(two, "vi", 1, "signup.done")).finish()).id;
    const staff = admin();
    await staff.press(`st:no:${oneId}`, says("vi", "review.ask_reason"));
    await staff.press(`st:no:${twoId}`, says("vi", "review.ask_reason"));
    await staff.press("su:why:other", says("vi", "review.ask_note_required"));
    const since = bot.api.calls.length;
    await staff.say("Hồ sơ chưa đầy đủ", "Hồ sơ chưa đầy đủ");
    await bot.api.waitFor((c) => c.payload.chat_id === two.user.id && textOf(c).includes("Hồ sơ chưa đầy đủ"), { since });
    expect((await findRegistration(bot.app.db, twoId))?.status).toBe("rejected");
    expect((await findRegistration(bot.app.db, oneId))?.status).toBe("pending");
  });
});

describe("/myregistrations", () => {
  it("lists registrations with status and reference; cancel asks to confirm, then cancels", async () => {
    const c = chat("en");
    const row = await (await signUp(c, "en", 1, "signup.done")).finish();
    const list = await c.say("/myregistrations", row.reference);
    expect(textOf(list)).toContain(says("en", "registration.status.pending"));
    await c.say("/myregistrations", row.reference);
    const since = bot.api.calls.length;
    bot.api.pressButton(c.user, `my:c:${row.id}`);
    const confirm = await bot.api.waitFor(
      (call) => call.method === "editMessageReplyMarkup" && call.payload.chat_id === c.user.id,
      { since },
    );
    expect(buttonsOf(confirm.payload).map((b) => b.data)).toEqual([`my:cy:${row.id}`, `my:ck:${row.id}`]);
    await c.press(`my:cy:${row.id}`, says("en", "registration.status.cancelled"));
    expect((await findRegistration(bot.app.db, row.id))?.status).toBe("cancelled");
  });

  it("edits the phone with the same validation as the sign-up", async () => {
    const c = chat("vi");
    const row = await (await signUp(c, "vi", 1, "signup.done")).finish();
    await c.say("/myregistrations", row.reference);
    await c.press(`my:e:${row.id}`, says("vi", "registration.edit.ask_field"));
    await c.press("su:contact:phone", says("vi", "signup.ask_phone.other"));
    await c.say("12", says("vi", "signup.errors.phone_country_code"));
    await c.say("+84 912 000 111", says("vi", "registration.edit.saved"));
    expect((await findRegistration(bot.app.db, row.id))?.phone).toBe("+84912000111");
  });

  it("someone else's registration cannot be cancelled by forging the button", async () => {
    const owner = chat("en");
    const row = await (await signUp(owner, "en", 1, "signup.done")).finish();
    const other = chat("en");
    await other.say("/start", "Hello");
    const since = bot.api.calls.length;
    bot.api.pressButton(other.user, `my:cy:${row.id}`);
    await bot.api.waitFor((c) => c.method === "answerCallbackQuery" && c.payload.callback_query_id !== undefined, { since });
    expect((await findRegistration(bot.app.db, row.id))?.status).toBe("pending");
  });
});

describe("resilience", () => {
  it("a Bot API 500 inside the sign-up does not leave the chat stuck: /start answers and /register shows the question again", async () => {
    const c = chat("en");
    await c.say("/register", says("en", "signup.ask_fair"));
    bot.api.failNext("sendMessage", { status: 500, body: { ok: false, error_code: 500, description: "Internal Server Error" } });
    const since = bot.api.calls.length;
    bot.api.pressButton(c.user, `su:fair:${SEMINAR}`);
    await bot.api.waitFor((call) => call.method === "sendMessage" && call.payload.chat_id === c.user.id, { since });
    await c.say("/start", "Hello");
    await c.say("/register", says("en", "signup.ask_company"));
    await c.say("Still Here Ltd", says("en", "signup.ask_country"));
  });

  it("state saved by an older version of the form is dropped with a message, and /register starts afresh", async () => {
    const c = chat("vi");
    await c.say("/register", says("vi", "signup.ask_fair"));
    await c.press(`su:fair:${SEMINAR}`, says("vi", "signup.ask_company"));
    await bot.restart(async (file) => {
      // As if the state had been written by the previous version of the form.
      const db = createDatabase(file);
      await sql`update conversations set value = replace(value, ${`"version":[0,${CONVERSATION_VERSION}]`}, '"version":[0,0]') where key = ${String(c.user.id)}`.execute(
        db,
      );
      await db.destroy();
    });
    await c.say("Công ty Cũ", says("vi", "signup.reset"));
    const fresh = await c.say("/register", says("vi", "signup.ask_fair"));
    expect(buttonData(fresh)).toContain(`su:fair:${SEMINAR}`);
  });
});
