import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Locale } from "../../src/domain/locale.js";
import { findRegistrationByTaxId, listUserRegistrations } from "../../src/modules/registrations/registrations.repository.js";
import { listSubscriptions } from "../../src/modules/reminders/subscriptions.repository.js";
import { buttonsOf, startTestBot, type TestBot } from "../helpers/app.js";
import { buttonData, Chat, says, textOf } from "../helpers/chat.js";
import { type Answers, fillForm as fillSignUp } from "../helpers/signup.js";

const ADMIN = { id: 900, first_name: "Hoa", language_code: "vi" };
const LAO_CAI = "vn-cn-laocai-2026";
let bot: TestBot;
let nextId = 5000;
const chat = (language_code: Locale, first_name = "Lan") => new Chat(bot.api, { id: nextId++, first_name, language_code });

beforeAll(async () => {
  bot = await startTestBot({ ADMIN_IDS: String(ADMIN.id) });
});
afterAll(async () => bot.stop());

const VIETNAMESE: Answers = {
  company: "Công ty TNHH Đông Á",
  country: "VN",
  taxId: "0100233488",
  sectors: ["food"],
  booths: "2",
  person: "Nguyễn Văn An",
  phone: "0912 345 678",
  email: "an@dong-a.vn",
};
const CHINESE: Answers = {
  company: "广西凭祥进出口贸易有限公司",
  country: "CN",
  taxId: "91350100M000100Y43",
  sectors: ["agriculture", "logistics"],
  booths: "3",
  person: "王芳",
  phone: "138 0013 8000",
  email: "wang@pingxiang.cn",
};

const fillForm = (c: Chat, locale: Locale, a: Answers, fairId = LAO_CAI) => fillSignUp(c, locale, a, fairId);

describe("a full sign-up", () => {
  it("in Vietnamese: from /register to a pending registration with a reference, staff told with Approve / Reject", async () => {
    const c = chat("vi");
    const summary = textOf(await fillForm(c, "vi", VIETNAMESE));
    for (const fact of ["Công ty TNHH Đông Á", "0100233488", "+84912345678", "an@dong-a.vn", "Nguyễn Văn An", "Thực phẩm"])
      expect(summary).toContain(fact);
    const staffSince = bot.api.calls.length;
    const done = textOf(await c.press("su:confirm", says("vi", "signup.done")));
    expect(done).toMatch(/LC26-\d{4}/);
    const staff = await bot.api.waitFor(
      (call) => call.payload.chat_id === ADMIN.id && textOf(call).includes("Công ty TNHH Đông Á"),
      { since: staffSince },
    );
    const row = await findRegistrationByTaxId(bot.app.db, LAO_CAI, "0100233488");
    expect(row?.status).toBe("pending");
    expect(row?.phone).toBe("+84912345678");
    expect(buttonsOf(staff.payload).map((b) => b.data)).toEqual([`st:ok:${row!.id}`, `st:no:${row!.id}`]);
  });

  it("in Chinese: prompts in Chinese, USCC checked, phone stored in E.164", async () => {
    const c = chat("zh");
    const summary = textOf(await fillForm(c, "zh", CHINESE));
    expect(summary).toContain("+8613800138000");
    expect(summary).toContain("农产品、物流");
    await c.press("su:confirm", says("zh", "signup.done"));
    expect((await findRegistrationByTaxId(bot.app.db, LAO_CAI, "91350100M000100Y43"))?.booths).toBe(3);
  });

  it("in English, from a fair card's Register button, which skips the fair step", async () => {
    const c = chat("en");
    await c.say("/start", "Hello");
    const card = await c.press(`fair:${LAO_CAI}`, "Lao Cai");
    expect(buttonData(card)).toContain(`reg:${LAO_CAI}`);
    await c.press(`reg:${LAO_CAI}`, says("en", "signup.ask_company"));
    await c.say("Lao Trade Co", says("en", "signup.ask_country"));
    await c.press("su:country:other", says("en", "signup.ask_tax_id.other"));
    await c.say("LA-2024-88", says("en", "signup.ask_sectors"));
    await c.toggle("su:sector:tourism");
    await c.press("su:done", says("en", "signup.ask_booths"));
    await c.say("1", says("en", "signup.ask_contact_person"));
    await c.say("Somchai P.", says("en", "signup.ask_phone.other"));
    await c.say("+856 20 5555 1234", says("en", "signup.ask_email"));
    await c.say("somchai@laotrade.la", says("en", "signup.ask_licence"));
    await c.send({ fileName: "licence.pdf", mimeType: "application/pdf" }, says("en", "signup.summary_title"));
    await c.press("su:confirm", says("en", "signup.done"));
    const [row] = await listUserRegistrations(bot.app.db, c.user.id);
    expect(row).toMatchObject({ country: "other", tax_id: "LA-2024-88", phone: "+8562055551234", licence_kind: "document" });
  });
});

describe("only the question being asked has buttons", () => {
  it("asked again after a stray answer, the earlier copy of the question loses its buttons", async () => {
    const c = chat("en");
    await c.say("/register", says("en", "signup.ask_fair"));
    await c.press(`su:fair:${LAO_CAI}`, says("en", "signup.ask_company"));
    await c.say("Delta Trading", says("en", "signup.ask_country"));
    const since = bot.api.calls.length;
    await c.say("Viet Nam", says("en", "signup.answer_hint"));
    const retired = bot.api.calls
      .slice(since)
      .filter(
        (call) => call.method === "editMessageReplyMarkup" && call.payload.chat_id === c.user.id && !call.payload.reply_markup,
      );
    expect(retired).toHaveLength(1);
  });

  it("the menu's sign-up button pressed during a form answers with a short alert, not a new message", async () => {
    const c = chat("en");
    await c.say("/register", says("en", "signup.ask_fair"));
    await c.press(`su:fair:${LAO_CAI}`, says("en", "signup.ask_company"));
    const sent = bot.api.messagesTo(c.user.id).length;
    await c.alert("menu:register", says("en", "signup.in_progress"));
    expect(bot.api.messagesTo(c.user.id).length).toBe(sent);
  });

  it("an answered choice shows what was chosen in place of its buttons", async () => {
    const c = chat("vi");
    await c.say("/register", says("vi", "signup.ask_fair"));
    await c.press(`su:fair:${LAO_CAI}`, says("vi", "signup.ask_company"));
    await c.say("Công ty Hạ Long", says("vi", "signup.ask_country"));
    const chosen = await c.press("su:country:VN", "👉 <b>🇻🇳 Việt Nam</b>");
    expect(chosen.method).toBe("editMessageText");
    expect(chosen.payload.reply_markup).toBeUndefined();
  });
});

describe("reminders after signing up", () => {
  it("the applicant follows the fair's reminders, and the last message has a button to opt out", async () => {
    const c = chat("en");
    await fillForm(c, "en", { ...VIETNAMESE, taxId: "0100109106" });
    const done = await c.press("su:confirm", says("en", "signup.done"));
    expect(buttonData(done)).toContain(`uns:f:${LAO_CAI}`);
    expect((await listSubscriptions(bot.app.db, c.user.id)).map((s) => `${s.topic}:${s.value}`)).toEqual([`fair:${LAO_CAI}`]);
    await c.press(`uns:f:${LAO_CAI}`, says("en", "subscribe.fair_off"));
    expect(await listSubscriptions(bot.app.db, c.user.id)).toEqual([]);
  });
});

describe("validation: a bad answer says what is expected and asks again, keeping earlier answers", () => {
  it("refuses each bad answer with its reason and accepts the corrected one", async () => {
    const c = chat("en");
    await c.say("/register", says("en", "signup.ask_fair"));
    await c.press(`su:fair:${LAO_CAI}`, says("en", "signup.ask_company"));
    await c.say("A", says("en", "signup.errors.name_length"));
    await c.say("  Đông   Á <Trading> & Co  ", says("en", "signup.ask_country"));
    await c.say("Viet Nam", says("en", "signup.answer_hint"));
    await c.press("su:country:VN", says("en", "signup.ask_tax_id.VN"));
    await c.say("12345", says("en", "signup.errors.tax_id_format.VN"));
    await c.say("0100233480", says("en", "signup.errors.tax_id_checksum.VN"));
    await c.say("0314409058-002", says("en", "signup.ask_sectors"));
    await c.alert("su:done", says("en", "signup.errors.sectors_none"));
    await c.toggle("su:sector:food");
    await c.press("su:done", says("en", "signup.ask_booths"));
    await c.say("two", says("en", "signup.errors.booths_format"));
    await c.say("0", "between 1 and 20");
    await c.say("21", "between 1 and 20");
    await c.say("２", says("en", "signup.ask_contact_person"));
    await c.say("B", says("en", "signup.errors.name_length"));
    await c.say("Trần Thị Bình", says("en", "signup.ask_phone.VN"));
    await c.say("12345", says("en", "signup.errors.phone_invalid"));
    await c.say("024 3825 3536", says("en", "signup.ask_email"));
    await c.say("binh@", says("en", "signup.errors.email_invalid"));
    await c.say("binh@donga.vn", says("en", "signup.ask_licence"));
    await c.send(
      {
        fileName: "licence.docx",
        mimeType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        data: Buffer.from("PK\x03\x04\x14\x00\x06\x00", "latin1"),
      },
      says("en", "signup.errors.licence_type"),
    );
    const summary = textOf(
      await c.send({ fileName: "licence.jpg", mimeType: "image/jpeg", photo: true }, says("en", "signup.summary_title")),
    );
    expect(summary).toContain("Đông Á &lt;Trading&gt; &amp; Co");
    expect(summary).toContain("0314409058-002");
    expect(summary).toContain("+842438253536");
    expect(summary).toContain("binh@donga.vn");
    expect(summary).toContain("<b>Booths:</b> 2");
  });

  it("Edit a field on the summary changes that one answer and returns to the summary", async () => {
    const c = chat("en");
    await fillForm(c, "en", { ...VIETNAMESE, taxId: "0100112437" });
    await c.press("su:edit", says("en", "signup.ask_field"));
    await c.press("su:field:email", says("en", "signup.ask_email"));
    const summary = textOf(await c.say("sales@dong-a.vn", says("en", "signup.summary_title")));
    expect(summary).toContain("sales@dong-a.vn");
    expect(summary).toContain("Nguyễn Văn An");
    await c.press("su:edit", says("en", "signup.ask_field"));
    await c.press("su:field:country", says("en", "signup.ask_country"));
    await c.press("su:country:CN", says("en", "signup.ask_tax_id.CN"));
    const again = textOf(await c.say("91110000600037341L", says("en", "signup.summary_title")));
    expect(again).toContain("91110000600037341L");
    expect(again).toContain("sales@dong-a.vn");
  });

  it("/cancel after an answer asks first: Keep going returns to the question, Stop leaves and saves nothing", async () => {
    const c = chat("vi");
    await c.say("/register", says("vi", "signup.ask_fair"));
    await c.press(`su:fair:${LAO_CAI}`, says("vi", "signup.ask_company"));
    await c.say("Công ty Hạ Long", says("vi", "signup.ask_country"));
    const ask = textOf(await c.say("/cancel", says("vi", "signup.leave_confirm")));
    expect(ask).toContain(says("vi", "signup.leave_confirm"));
    await c.press("su:leave:no", says("vi", "signup.ask_country"));
    await c.press("su:country:VN", says("vi", "signup.ask_tax_id.VN"));
    await c.say("/cancel", says("vi", "signup.leave_confirm"));
    const left = textOf(await c.press("su:leave:yes", says("vi", "signup.cancelled")));
    // Leaving a form never sounds as if a registration was cancelled.
    expect(left).toContain("vẫn giữ nguyên");
    await c.say("/cancel", says("vi", "signup.nothing_to_cancel"));
    await c.say("/register", says("vi", "signup.ask_fair"));
    expect(await listUserRegistrations(bot.app.db, c.user.id)).toEqual([]);
  });

  it("other commands still work mid-way, and /register shows the current question again", async () => {
    const c = chat("en");
    await c.say("/register", says("en", "signup.ask_fair"));
    await c.press(`su:fair:${LAO_CAI}`, says("en", "signup.ask_company"));
    await c.say("/fairs", "Upcoming fairs");
    await c.say("/register", says("en", "signup.ask_company"));
    await c.say("Mid Way Ltd", says("en", "signup.ask_country"));
  });
});

describe("rules", () => {
  it("a closed fair has no Register button; a forged one says registration is closed and offers news of the next edition", async () => {
    const c = chat("en");
    await c.say("/start", "Hello");
    const card = await c.press("fair:honghe-hekou-2026", "Honghe");
    expect(buttonData(card).some((d) => d.startsWith("reg:"))).toBe(false);
    const closed = await c.press("reg:honghe-hekou-2026", says("en", "signup.closed"));
    expect(buttonData(closed)).toEqual(["nx:honghe-hekou-2026", "menu:deadlines"]);
    await c.press("nx:honghe-hekou-2026", says("en", "signup.next_edition_done"));
    expect(await listSubscriptions(bot.app.db, c.user.id)).toMatchObject([{ topic: "province", value: "Vân Nam (Trung Quốc)" }]);
  });

  it("the same account signing up again with the same tax id updates its registration, and says so", async () => {
    const owner = chat("vi");
    const answers = { ...VIETNAMESE, taxId: "2000102580", company: "Công ty Cà Mau" };
    await fillForm(owner, "vi", answers);
    await owner.press("su:confirm", says("vi", "signup.done"));
    const since = bot.api.calls.length;
    await fillForm(owner, "vi", { ...answers, booths: "4", person: "Lê Văn C", phone: "0987654321", email: "c@camau.vn" });
    expect(bot.api.calls.slice(since).some((call) => textOf(call).includes(says("vi", "signup.existing")))).toBe(true);
    await owner.press("su:confirm", says("vi", "signup.done_updated"));
    const rows = await listUserRegistrations(bot.app.db, owner.user.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ booths: 4, contact_person: "Lê Văn C", tax_id: "2000102580" });
  });
});

describe("the way in", () => {
  it("the main menu leads to the sign-up and to the user's own registrations", async () => {
    const c = chat("zh", "Wei");
    await c.say("/start", /./);
    await c.press("menu:mine", says("zh", "registration.none"));
    await c.press("menu:register", says("zh", "signup.ask_fair"));
  });

  it("the reply to a question not understood offers the sign-up in its menu", async () => {
    const c = chat("en");
    const reply = await c.say("asdfgh qwerty", says("en", "qa.not_found"));
    expect(buttonData(reply)).toEqual(expect.arrayContaining(["menu:register", "menu:mine"]));
  });
});

describe("household businesses", () => {
  it("sign up with the 12-digit personal identification number they use as their tax code", async () => {
    const c = chat("vi", "Bà Tư");
    await fillForm(c, "vi", { ...VIETNAMESE, company: "Hộ kinh doanh Bà Tư", taxId: "020 185 004 321" });
    await c.press("su:confirm", says("vi", "signup.done"));
    const [row] = await listUserRegistrations(bot.app.db, c.user.id);
    expect(row).toMatchObject({ tax_id: "020185004321", status: "pending", company: "Hộ kinh doanh Bà Tư" });
  });
});

describe("a tax code is public: another account can never take a registration over", () => {
  const variants = [
    { approved: false, licence: false },
    { approved: false, licence: true },
    { approved: true, licence: false },
    { approved: true, licence: true },
  ];
  let serial = 0;

  it.each(variants)("owner's registration approved: $approved, with a licence: $licence", async ({ approved, licence }) => {
    // Tax codes that pass the MST check digit; one per variant, so the variants do not meet.
    const taxId = ["1055500116", "1055500123", "1055500130", "1055500148"][serial++]!;
    const owner = chat("vi", "Chủ");
    const answers = { ...VIETNAMESE, taxId, company: "Công ty Thật" };
    await fillForm(owner, "vi", answers);
    await owner.press("su:confirm", says("vi", "signup.done"));
    const [original] = await listUserRegistrations(bot.app.db, owner.user.id);
    if (licence)
      await bot.app.db
        .updateTable("registrations")
        .set({ licence_file_id: "LICENCE-1", licence_kind: "document" })
        .where("id", "=", original!.id)
        .execute();
    if (approved) {
      const admin = new Chat(bot.api, ADMIN);
      await admin.press(`st:ok:${original!.id}`, original!.reference);
      // The staff notice of the sign-up (sent through the outbox) may be what the press met first.
      await expect.poll(async () => (await listUserRegistrations(bot.app.db, owner.user.id))[0]!.status).toBe("approved");
    }
    const before = (await listUserRegistrations(bot.app.db, owner.user.id))[0]!;

    const stranger = chat("en", "Mallory");
    const since = bot.api.calls.length;
    await fillForm(stranger, "en", {
      ...answers,
      company: "Fake Co",
      country: "VN",
      person: "Mallory",
      phone: "0987654321",
      email: "m@evil.example",
    });
    await stranger.press("su:confirm", says("en", "signup.done"));
    const toStranger = bot.api.calls.slice(since).filter((c) => String(c.payload.chat_id) === String(stranger.user.id));
    // Nothing the stranger is sent names the owner's registration.
    expect(toStranger.some((c) => textOf(c).includes(original!.reference))).toBe(false);
    expect(toStranger.some((c) => textOf(c).includes(says("en", "signup.existing")))).toBe(false);

    // The owner's registration is as it was, still theirs; the stranger's is a new, pending one.
    const after = (await listUserRegistrations(bot.app.db, owner.user.id))[0]!;
    expect(after).toEqual(before);
    const [theirs] = await listUserRegistrations(bot.app.db, stranger.user.id);
    expect(theirs).toMatchObject({ status: "pending", company: "Fake Co", duplicate_of: original!.id, licence_file_id: null });
    expect(theirs!.reference).not.toBe(original!.reference);

    // The owner is told, in their language; staff see the duplicate with the owner's reference.
    const told = await bot.api.waitFor(
      (c) =>
        String(c.payload.chat_id) === String(owner.user.id) &&
        textOf(c).includes(says("vi", "registration.outcome.duplicate_claim")),
      // Staff hear of every sign-up of this file through the outbox, one message a second per chat.
      { since, timeoutMs: 20_000 },
    );
    expect(textOf(told)).toContain(original!.reference);
    expect(textOf(told)).not.toContain("Fake Co");
    const flagged = await bot.api.waitFor(
      (c) =>
        String(c.payload.chat_id) === String(ADMIN.id) &&
        textOf(c).includes(theirs!.reference) &&
        textOf(c).includes(says("vi", "review.duplicate")),
      // Staff hear of every sign-up of this file through the outbox, one message a second per chat.
      { since, timeoutMs: 20_000 },
    );
    expect(textOf(flagged)).toContain(original!.reference);
    expect(textOf(flagged)).toContain(String(owner.user.id));
  });
});
