import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Locale } from "../../src/domain/locale.js";
import { findRegistration, listUserRegistrations } from "../../src/modules/registrations/registrations.repository.js";
import type { RegistrationRow } from "../../src/platform/db/schema.js";
import { buttonsOf, startTestBot, type TestBot } from "../helpers/app.js";
import { buttonData, Chat, says, textOf } from "../helpers/chat.js";
import type { ApiCall } from "../helpers/fake-bot-api.js";
import { fillForm, otherCompany } from "../helpers/signup.js";

const ADMIN = { id: 950, first_name: "Hoa", language_code: "vi" };
const LAO_CAI = "vn-cn-laocai-2026";
// Notices reach staff through the outbox at one message a second per chat.
const OUTBOX_WAIT = { timeoutMs: 20_000 };
let bot: TestBot;
let nextId = 9500;
let nextCompany = 500;
const chat = (language_code: Locale) => new Chat(bot.api, { id: nextId++, first_name: "Lan", language_code });
const staff = () => new Chat(bot.api, ADMIN);

beforeAll(async () => {
  bot = await startTestBot({ ADMIN_IDS: String(ADMIN.id) });
  await staff().say("/start", "Xin chào");
});
afterAll(async () => bot.stop());

/** A company signs up for the Lào Cai fair (with a licence photo if asked); returns its registration. */
async function signUp(c: Chat, locale: Locale, options: { licence?: boolean; taxId?: string } = {}): Promise<RegistrationRow> {
  const answers = { ...otherCompany(nextCompany++), ...(options.taxId ? { taxId: options.taxId } : {}) };
  await fillForm(c, locale, answers, LAO_CAI);
  if (options.licence) {
    await c.press("su:edit", says(locale, "signup.ask_field"));
    await c.press("su:field:licence", says(locale, "signup.ask_licence"));
    await c.send({ fileName: "licence.jpg", mimeType: "image/jpeg", photo: true }, says(locale, "signup.summary_title"));
  }
  await c.press("su:confirm", says(locale, "signup.done"));
  return (await listUserRegistrations(bot.app.db, c.user.id))[0]!;
}

/** The staff notices the outbox sent about a registration, with the Telegram message each became. */
async function sentNotices(id: number): Promise<Array<{ message_id: number }>> {
  const rows = await bot.app.db
    .selectFrom("outbox")
    .select(["message_id", "state"])
    .where("dedupe_key", "like", `notice:${id}:staff:%`)
    .execute();
  return rows.filter((row) => row.state === "sent" && row.message_id !== null) as Array<{ message_id: number }>;
}

async function noticeSent(id: number): Promise<number> {
  const deadline = Date.now() + OUTBOX_WAIT.timeoutMs;
  for (;;) {
    const [first] = await sentNotices(id);
    if (first) return first.message_id;
    if (Date.now() > deadline) throw new Error(`no staff notice sent for registration ${id}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const editOf = (messageId: number, since: number) =>
  bot.api.waitFor((c) => c.method === "editMessageText" && c.payload.chat_id === ADMIN.id && c.payload.message_id === messageId, {
    since,
    ...OUTBOX_WAIT,
  });

const toastAfter = (since: number, text: string) =>
  bot.api.waitFor((c) => c.method === "answerCallbackQuery" && textOf(c).includes(text), { since });

describe("the review desk", () => {
  const applicants: Array<{ chat: Chat; row: RegistrationRow }> = [];

  beforeAll(async () => {
    for (const locale of ["vi", "zh", "en", "vi", "zh", "en"] as const) {
      const c = chat(locale);
      applicants.push({ chat: c, row: await signUp(c, locale, { licence: locale === "zh" }) });
    }
  });

  it("lists a fair's registrations waiting for a decision first, five to a page, each with Approve and Reject", async () => {
    const admin = staff();
    // One decided before the desk opens: it goes after those still waiting.
    const first = applicants[0]!.row;
    await admin.press(`st:ok:${first.id}`, "Hoa");
    await admin.say("/registrations", says("vi", "review.choose_fair"));
    const page = await admin.press(`sr:f:${LAO_CAI}`, says("vi", "review.places_left.booths"));
    const text = textOf(page);
    expect(text).toContain("Gian còn trống: <b>294</b> / 300");
    expect(text.indexOf(applicants[1]!.row.reference)).toBeGreaterThan(-1);
    expect(text).not.toContain(first.reference);
    const data = buttonData(page);
    expect(data).toContain(`sd:ok:${applicants[1]!.row.id}:0`);
    expect(data).toContain(`sd:no:${applicants[1]!.row.id}:0`);
    // The applicant's language and the licence are on the list: no need for the notice or the spreadsheet.
    expect(text).toContain("Tiếng Trung");
    expect(data).toContain(`sd:lic:${applicants[1]!.row.id}:0`);
    expect(data).toContain(`sr:p:${LAO_CAI}:1`);

    const since = bot.api.calls.length;
    admin.api.pressButton(admin.user, `sr:p:${LAO_CAI}:1`);
    const second = await bot.api.waitFor((c) => c.method === "editMessageText" && c.payload.chat_id === ADMIN.id, { since });
    expect(textOf(second)).toContain(first.reference);
    expect(textOf(second)).toContain(says("vi", "registration.status.approved"));
    expect(buttonData(second)).not.toContain(`sd:ok:${first.id}:1`);
  });

  it("Approve on the list tells the applicant, redraws the page, and edits the earlier notice in place", async () => {
    const admin = staff();
    const { chat: applicant, row } = applicants[1]!; // zh, with a licence
    const notice = await noticeSent(row.id);
    await admin.say("/registrations", says("vi", "review.choose_fair"));
    await admin.press(`sr:f:${LAO_CAI}`, row.reference);
    const since = bot.api.calls.length;
    admin.api.pressButton(admin.user, `sd:ok:${row.id}:0`);
    await toastAfter(since, `${row.reference} được Hoa duyệt`);
    const redrawn = await bot.api.waitFor((c) => c.method === "editMessageText" && c.payload.chat_id === ADMIN.id, { since });
    expect(buttonData(redrawn)).not.toContain(`sd:ok:${row.id}:0`);
    const told = await bot.api.waitFor(
      (c) => c.payload.chat_id === applicant.user.id && textOf(c).includes(says("zh", "registration.outcome.approved")),
      { since, ...OUTBOX_WAIT },
    );
    expect(textOf(told)).toContain(row.reference);

    const edited = await editOf(notice, since);
    expect(textOf(edited)).toContain(says("vi", "registration.status.approved"));
    expect(textOf(edited)).toContain("Người quyết định:</b> Hoa");
    // Approve and Reject are gone; View licence stays.
    expect(buttonsOf(edited.payload).map((b) => b.data)).toEqual([`st:lic:${row.id}`]);
  });

  it("Reject on the list asks for a preset reason and an optional note, then goes back to the list", async () => {
    const admin = staff();
    const { chat: applicant, row } = applicants[2]!; // en
    await admin.say("/registrations", says("vi", "review.choose_fair"));
    await admin.press(`sr:f:${LAO_CAI}`, row.reference);
    await admin.press(`sd:no:${row.id}:0`, says("vi", "review.ask_reason"));
    await admin.press("su:why:sector", says("vi", "review.ask_note"));
    const since = bot.api.calls.length;
    const done = await admin.press("su:skip", `${row.reference} bị Hoa từ chối`);
    expect(buttonData(done)).toEqual([`sr:p:${LAO_CAI}:0`]);
    const told = await bot.api.waitFor(
      (c) => c.payload.chat_id === applicant.user.id && textOf(c).includes(says("en", "registration.outcome.rejected")),
      { since, ...OUTBOX_WAIT },
    );
    expect(textOf(told)).toContain("Your company's sector is not one this event admits.");
    // No note was written: nothing is labelled as the office's words.
    expect(textOf(told)).not.toContain(says("en", "registration.field.office_note"));
    expect((await findRegistration(bot.app.db, row.id))?.status).toBe("rejected");
    // The list the Reject was pressed on shows the decision: no Approve / Reject left for it.
    const redrawn = await bot.api.waitFor(
      (c) =>
        c.method === "editMessageText" &&
        c.payload.chat_id === ADMIN.id &&
        textOf(c).includes(says("vi", "review.places_left.booths")) &&
        textOf(c).includes(`${says("vi", "registration.status.rejected")}: 1`),
      { since },
    );
    expect(buttonData(redrawn)).not.toContain(`sd:no:${row.id}:0`);
  });

  it("a press on a registration decided meanwhile says who has it now and redraws the page", async () => {
    const admin = staff();
    const { row } = applicants[2]!;
    await admin.say("/registrations", says("vi", "review.choose_fair"));
    await admin.press(`sr:f:${LAO_CAI}`, says("vi", "review.places_left.booths"));
    const since = bot.api.calls.length;
    admin.api.pressButton(admin.user, `sd:ok:${row.id}:0`);
    await toastAfter(since, `${row.reference} đã ở trạng thái: ${says("vi", "registration.status.rejected")}`);
    expect((await findRegistration(bot.app.db, row.id))?.status).toBe("rejected");
  });
});

describe("fix and send again", () => {
  it("a company whose licence was missing sends it from the rejection message; the registration is pending again and staff are told", async () => {
    const admin = staff();
    const applicant = chat("vi");
    const row = await signUp(applicant, "vi");
    await noticeSent(row.id);
    await admin.press(`st:no:${row.id}`, says("vi", "review.ask_reason"));
    await admin.press("su:why:missing_licence", says("vi", "review.ask_note"));
    let since = bot.api.calls.length;
    await admin.say("Cần bản chụp rõ nét có dấu đỏ.", "bị Hoa từ chối");
    const rejected = await bot.api.waitFor(
      (c) => c.payload.chat_id === applicant.user.id && textOf(c).includes(says("vi", "registration.outcome.rejected")),
      { since, ...OUTBOX_WAIT },
    );
    expect(textOf(rejected)).toContain("Thiếu giấy phép kinh doanh");
    expect(textOf(rejected)).toContain("Lời nhắn của văn phòng:</b> «Cần bản chụp rõ nét có dấu đỏ.»");

    const asked = await applicant.press(`my:f:${row.id}`, says("vi", "signup.ask_licence_again"));
    // The office asked for the licence: the question names the registration and offers no Skip.
    expect(textOf(asked)).toContain(row.reference);
    expect(buttonData(asked)).toEqual(["su:cancel"]);
    const summary = await applicant.send(
      { fileName: "licence.jpg", mimeType: "image/jpeg", photo: true },
      says("vi", "signup.fix_title"),
    );
    expect(textOf(summary)).toContain(row.company);
    since = bot.api.calls.length;
    await applicant.press("su:confirm", says("vi", "signup.done_resubmitted"));
    const now = await findRegistration(bot.app.db, row.id);
    expect(now).toMatchObject({ status: "pending", reference: row.reference, licence_kind: "photo", reject_code: null });
    expect(await listUserRegistrations(bot.app.db, applicant.user.id)).toHaveLength(1);
    await bot.api.waitFor((c) => c.payload.chat_id === ADMIN.id && textOf(c).includes(says("vi", "review.event.resubmitted")), {
      since,
      ...OUTBOX_WAIT,
    });
  });

  it("a company turned down for its sector changes that answer on the summary and sends it again", async () => {
    const admin = staff();
    const applicant = chat("zh");
    const row = await signUp(applicant, "zh");
    await admin.press(`st:no:${row.id}`, says("vi", "review.ask_reason"));
    await admin.press("su:why:sector", says("vi", "review.ask_note"));
    await admin.press("su:skip", "bị Hoa từ chối");
    await applicant.say("/myregistrations", row.reference);
    await applicant.press(`my:f:${row.id}`, says("zh", "signup.fix_title"));
    await applicant.press("su:edit", says("zh", "signup.ask_field"));
    await applicant.press("su:field:sectors", says("zh", "signup.ask_sectors"));
    await applicant.toggle("su:sector:logistics");
    await applicant.press("su:done", says("zh", "signup.fix_title"));
    await applicant.press("su:confirm", says("zh", "signup.done_resubmitted"));
    const now = await findRegistration(bot.app.db, row.id);
    expect(now?.status).toBe("pending");
    expect(JSON.parse(now!.sectors)).toEqual(["food", "logistics"]);
  });

  it("nobody but the owner can bring back a rejected registration", async () => {
    const owner = chat("en");
    const row = await signUp(owner, "en");
    await staff().press(`st:no:${row.id}`, says("vi", "review.ask_reason"));
    await staff().press("su:why:duplicate", says("vi", "review.ask_note"));
    await staff().press("su:skip", "bị Hoa từ chối");
    const stranger = chat("en");
    await stranger.say("/start", "Hello");
    await stranger.press(`my:f:${row.id}`, says("en", "common.not_found"));
    expect((await findRegistration(bot.app.db, row.id))?.status).toBe("rejected");
  });
});

describe("the staff notice", () => {
  it("shows the applicant's language, and both registrations of a tax code claimed by two accounts name each other", async () => {
    const owner = chat("zh");
    const original = await signUp(owner, "zh", { taxId: "CO-DUP-77" });
    const since = bot.api.calls.length;
    const claimant = chat("en");
    const claim = await signUp(claimant, "en", { taxId: "CO-DUP-77" });
    const flagged: ApiCall = await bot.api.waitFor(
      (c) => c.payload.chat_id === ADMIN.id && textOf(c).includes(`<b>${claim.reference}</b> —`),
      { since, ...OUTBOX_WAIT },
    );
    expect(textOf(flagged)).toContain("Ngôn ngữ của doanh nghiệp:</b> Tiếng Anh");
    expect(textOf(flagged)).toContain(`mã <b>${original.reference}</b>`);
    // The first company's notice says so too: edited if it was sent, or sent already saying it.
    const told = await bot.api.waitFor(
      (c) =>
        c.payload.chat_id === ADMIN.id &&
        textOf(c).includes(`<b>${original.reference}</b> —`) &&
        textOf(c).includes(claim.reference),
      { since: 0, ...OUTBOX_WAIT },
    );
    expect(textOf(told)).toContain("Ngôn ngữ của doanh nghiệp:</b> Tiếng Trung");
  });

  it("a contact the company corrects shows on the notice staff got earlier", async () => {
    const owner = chat("vi");
    const row = await signUp(owner, "vi");
    const notice = await noticeSent(row.id);
    await owner.say("/myregistrations", row.reference);
    await owner.press(`my:e:${row.id}`, says("vi", "registration.edit.ask_field"));
    await owner.press("su:contact:phone", says("vi", "signup.ask_phone.other"));
    const since = bot.api.calls.length;
    await owner.say("+856 20 7777 8888", says("vi", "registration.edit.saved"));
    const edited = await editOf(notice, since);
    expect(textOf(edited)).toContain("+8562077778888");
  });
});
