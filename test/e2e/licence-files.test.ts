import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Locale } from "../../src/domain/locale.js";
import { listUserRegistrations } from "../../src/modules/registrations/registrations.repository.js";
import type { RegistrationRow } from "../../src/platform/db/schema.js";
import { startTestBot, type TestBot } from "../helpers/app.js";
import { Chat, says, TINY_JPEG, textOf } from "../helpers/chat.js";
import type { ApiCall, UploadedFile } from "../helpers/fake-bot-api.js";
import { fillForm, otherCompany } from "../helpers/signup.js";

const ADMIN = { id: 960, first_name: "Hoa", language_code: "vi" };
const LAO_CAI = "vn-cn-laocai-2026";
const PDF = Buffer.from("%PDF-1.4\n1 0 obj\n<<>>\nendobj\n% a licence of its own\n%%EOF\n", "latin1");
const WRONG_FILE_ID = { status: 400, body: { ok: false, error_code: 400, description: "Bad Request: wrong file identifier" } };

let bot: TestBot;
let nextId = 17_600;
const chat = (language_code: Locale) => new Chat(bot.api, { id: nextId++, first_name: "Mai", language_code });
const staff = () => new Chat(bot.api, ADMIN);
const dataDir = () => path.dirname(bot.file);
/** Telegram has forgotten every file the bot names by file_id (or the bot's token changed). */
let fileIdsWork = true;

beforeAll(async () => {
  bot = await startTestBot({ ADMIN_IDS: String(ADMIN.id) });
  bot.api.intercept({
    before: (call) =>
      !fileIdsWork &&
      ["sendDocument", "sendPhoto"].includes(call.method) &&
      typeof (call.payload.document ?? call.payload.photo) === "string"
        ? WRONG_FILE_ID
        : undefined,
  });
  await staff().say("/start", "Xin chào");
});
afterAll(async () => bot.stop());

/** Signs up (licence skipped), then sends the licence from the summary's Edit; returns the summary it comes back to. */
async function signUpWithLicence(
  c: Chat,
  locale: Locale,
  file: { fileName: string; mimeType: string; photo?: boolean; data?: Buffer },
) {
  const a = otherCompany(c.user.id);
  await fillForm(c, locale, a, LAO_CAI);
  await c.press("su:edit", says(locale, "signup.ask_field"));
  await c.press("su:field:licence", says(locale, "signup.ask_licence"));
  return { a, summary: await c.send(file, says(locale, "signup.summary_title")) };
}

async function confirmed(c: Chat, locale: Locale): Promise<RegistrationRow> {
  await c.press("su:confirm", says(locale, "signup.done"));
  return (await listUserRegistrations(bot.app.db, c.user.id))[0]!;
}

/** Staff press View licence on a registration; the message it produces. */
const viewLicence = (row: RegistrationRow, expected?: string) =>
  staff().press(`st:lic:${row.id}`, expected ?? `${says("vi", "review.licence_caption")}${row.reference}`);
const uploaded = (call: ApiCall) => (call.payload.document ?? call.payload.photo) as UploadedFile | string;

describe("the bot keeps its own copy of a licence", () => {
  it("stores the PDF under DATA_DIR, and staff open that copy byte for byte when Telegram no longer has the file", async () => {
    const c = chat("en");
    await signUpWithLicence(c, "en", { fileName: "licence.pdf", mimeType: "application/pdf", data: PDF });
    const row = await confirmed(c, "en");
    expect(row.licence_path).toMatch(/^files\/licences\/[0-9a-f]{64}\.pdf$/);
    expect(fs.readFileSync(path.join(dataDir(), row.licence_path!))).toEqual(PDF);

    fileIdsWork = false;
    try {
      const sent = await viewLicence(row);
      expect(sent.method).toBe("sendDocument");
      const file = uploaded(sent) as UploadedFile;
      expect(file.data).toEqual(PDF);
      expect(file.fileName).toBe(`${row.reference}.pdf`);
    } finally {
      fileIdsWork = true;
    }
  });

  it("stores a photo too, and shows it to staff as a photo", async () => {
    const c = chat("zh");
    await signUpWithLicence(c, "zh", { fileName: "licence.jpg", mimeType: "image/jpeg", photo: true });
    const row = await confirmed(c, "zh");
    expect(row).toMatchObject({ licence_kind: "photo", licence_path: expect.stringMatching(/\.jpg$/) });
    const sent = await viewLicence(row);
    expect(sent.method).toBe("sendPhoto");
    expect((uploaded(sent) as UploadedFile).data).toEqual(TINY_JPEG);
  });

  it("falls back to Telegram's file_id when the copy is missing, and tells staff in their language when neither works", async () => {
    const c = chat("vi");
    await signUpWithLicence(c, "vi", { fileName: "giay-phep.pdf", mimeType: "application/pdf" });
    const row = await confirmed(c, "vi");
    fs.rmSync(path.join(dataDir(), row.licence_path!));
    const byId = await viewLicence(row);
    expect(uploaded(byId)).toBe(row.licence_file_id);

    fileIdsWork = false;
    try {
      const told = await viewLicence(row, says("vi", "review.licence_unavailable"));
      expect(textOf(told)).toContain(row.reference);
    } finally {
      fileIdsWork = true;
    }
  });

  it("a download that fails asks for the file again in the user's language, and every answer is kept", async () => {
    const c = chat("vi");
    const a = otherCompany(c.user.id);
    await fillForm(c, "vi", a, LAO_CAI);
    await c.press("su:edit", says("vi", "signup.ask_field"));
    await c.press("su:field:licence", says("vi", "signup.ask_licence"));
    // Not a 5xx: the retries of those would hide the failure this test is about.
    bot.api.failNext("getFile", {
      status: 400,
      body: { ok: false, error_code: 400, description: "Bad Request: file is temporarily unavailable" },
    });
    const refused = await c.send(
      { fileName: "giay-phep.pdf", mimeType: "application/pdf", data: PDF },
      says("vi", "signup.errors.licence_unreadable"),
    );
    expect(textOf(refused)).toContain(says("vi", "signup.ask_licence"));
    const summary = textOf(
      await c.send({ fileName: "giay-phep.pdf", mimeType: "application/pdf", data: PDF }, says("vi", "signup.summary_title")),
    );
    for (const answer of [a.company, a.taxId, a.person, a.email]) expect(summary).toContain(answer);
    expect((await confirmed(c, "vi")).licence_path).toMatch(/\.pdf$/);
  });

  it("a file that turns out over 10 MB while downloading (no size declared) is refused with the limit", async () => {
    const c = chat("en");
    await fillForm(c, "en", otherCompany(c.user.id), LAO_CAI);
    await c.press("su:edit", says("en", "signup.ask_field"));
    await c.press("su:field:licence", says("en", "signup.ask_licence"));
    const stored = () => fs.readdirSync(path.join(dataDir(), "files", "licences")).length;
    const before = stored();
    const big = Buffer.concat([PDF, Buffer.alloc(11 * 1024 * 1024)]);
    const refused = await c.expect(() => sendWithoutSize(c, big), says("en", "signup.errors.licence_over_limit"));
    expect(textOf(refused)).toContain("10 MB");
    expect(stored()).toBe(before);
  });
});

let nextMessageId = 990_000;
/** A document whose update leaves out file_size (Telegram's is optional): only reading tells its size. */
function sendWithoutSize(c: Chat, data: Buffer) {
  const file = bot.api.chats.files.add({ fileName: "licence.pdf", mimeType: "application/pdf", data }, "documents");
  const document = {
    file_id: file.fileId,
    file_unique_id: file.fileUniqueId,
    file_name: "licence.pdf",
    mime_type: "application/pdf",
  };
  const message = {
    message_id: nextMessageId++,
    date: Math.floor(Date.now() / 1000),
    chat: { id: c.user.id, type: "private" as const, first_name: "Mai" },
    from: { is_bot: false, first_name: "Mai", ...c.user },
    document,
  };
  bot.api.pushUpdate({ message: message as never });
}
