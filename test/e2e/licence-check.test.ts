import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Locale } from "../../src/domain/locale.js";
import { listUserRegistrations } from "../../src/modules/registrations/registrations.repository.js";
import { startTestBot, type TestBot } from "../helpers/app.js";
import { Chat, says, textOf } from "../helpers/chat.js";
import { otherCompany } from "../helpers/signup.js";

const LAO_CAI = "vn-cn-laocai-2026";
const PDF = Buffer.from("%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n", "latin1");
const EXE = Buffer.concat([Buffer.from("MZ\x90\x00\x03\x00\x00\x00", "latin1"), Buffer.alloc(64)]);
const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(32)]);

let bot: TestBot;
let nextId = 17_300;
const chat = (language_code: Locale) => new Chat(bot.api, { id: nextId++, first_name: "Mai", language_code });

beforeAll(async () => {
  bot = await startTestBot();
});
afterAll(async () => bot.stop());

/** The sign-up up to the licence question. */
async function upToLicence(c: Chat, locale: Locale) {
  const a = otherCompany(c.user.id);
  await c.say("/register", says(locale, "signup.ask_fair"));
  await c.press(`su:fair:${LAO_CAI}`, says(locale, "signup.ask_company"));
  await c.say(a.company, says(locale, "signup.ask_country"));
  await c.press(`su:country:${a.country}`, says(locale, `signup.ask_tax_id.${a.country}`));
  await c.say(a.taxId, says(locale, "signup.ask_sectors"));
  await c.toggle("su:sector:food");
  await c.press("su:done", says(locale, "signup.ask_booths"));
  await c.say(a.booths, says(locale, "signup.ask_contact_person"));
  await c.say(a.person, says(locale, `signup.ask_phone.${a.country}`));
  await c.say(a.phone, says(locale, "signup.ask_email"));
  await c.say(a.email, says(locale, "signup.ask_licence"));
  return a;
}

describe("the licence step", () => {
  it("refuses a program named licence.pdf.exe that declares itself a PDF, then takes a real PDF with every answer kept", async () => {
    const c = chat("en");
    const a = await upToLicence(c, "en");
    const refused = await c.send(
      { fileName: "licence.pdf.exe", mimeType: "application/pdf", data: EXE },
      says("en", "signup.errors.licence_type"),
    );
    expect(textOf(refused)).toContain(says("en", "signup.ask_licence"));
    const summary = textOf(
      await c.send({ fileName: "licence.pdf", mimeType: "application/pdf", data: PDF }, says("en", "signup.summary_title")),
    );
    expect(summary).toContain(a.company);
    expect(summary).toContain(a.email);
    await c.press("su:confirm", says("en", "signup.done"));
    const [row] = await listUserRegistrations(bot.app.db, c.user.id);
    expect(row).toMatchObject({ company: a.company, licence_kind: "document" });
  });

  it("refuses an SVG declared as an image, in the user's language", async () => {
    const c = chat("vi");
    await upToLicence(c, "vi");
    await c.send({ fileName: "giay-phep.svg", mimeType: "image/svg+xml", data: SVG }, says("vi", "signup.errors.licence_type"));
    await c.send({ fileName: "giay-phep.png", mimeType: "image/png", data: PNG }, says("vi", "signup.summary_title"));
  });

  // Its size as its reader writes numbers: a decimal comma in Vietnamese.
  it.each([
    { locale: "zh", fileName: "执照.pdf", megabytes: 20, shown: "20.0 MB" },
    { locale: "vi", fileName: "giay-phep.pdf", megabytes: 11.5, shown: "11,5 MB" },
  ] as const)(
    "refuses a file of $shown ($locale) over the size limit without reading it",
    async ({ locale, fileName, megabytes, shown }) => {
      const c = chat(locale);
      await upToLicence(c, locale);
      const big = Buffer.concat([PDF, Buffer.alloc(megabytes * 1024 * 1024)]);
      const refused = await c.send({ fileName, mimeType: "application/pdf", data: big }, shown);
      expect(textOf(refused)).toContain(says(locale, "signup.errors.licence_too_big"));
    },
  );
});
