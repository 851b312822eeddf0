import fs from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Locale } from "../../src/domain/locale.js";
import { listUserRegistrations } from "../../src/modules/registrations/registrations.repository.js";
import { createI18n } from "../../src/platform/telegram/i18n.js";
import type { Sandbox } from "../../src/sandbox/sandbox.js";
import { chatView, hasChromium, launchChromium, type PageSandbox, persona, startPageSandbox } from "../helpers/browser.js";
import { says } from "../helpers/chat.js";

const i18n = createI18n("vi");
const asShown = (html: string) =>
  html
    .replace(/<[^>]*>/g, "")
    .replace(/<.*$/, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&")
    .trim();
/** A translation's fixed start as the page shows it: tags gone, references decoded. */
const shown = (locale: Locale, key: string) => asShown(says(locale, key));
/** A whole translation as the page shows it. */
const translated = (locale: Locale, key: string, vars: Record<string, string>) => asShown(i18n.t(locale, key, vars));
const reference = async () => (await listUserRegistrations(sandbox.app.db, persona("en").id))[0]!.reference;

let browser: Browser;
let running: PageSandbox;
let sandbox: Sandbox;
let page: Page;

beforeAll(async () => {
  if (!hasChromium) return;
  browser = await launchChromium();
  running = await startPageSandbox(browser);
  ({ sandbox, page } = running);
});
afterAll(async () => {
  await running?.stop();
  await browser?.close();
});

// One story, told in order: each test goes on from where the one before stopped.
describe.skipIf(!hasChromium)("sign-up and staff review, played in one browser tab", () => {
  const chat = () => chatView(page);
  const step = async (text: string) => chat().botMessage(text).waitFor();

  it("an English-speaking business signs up by typing and clicking, licence attached", async () => {
    await page.goto(`${sandbox.url}/#en`);
    await chat().type("/register");
    await step(shown("en", "signup.ask_fair"));
    await chat()
      .lastBotMessage()
      .getByRole("button", { name: /Lao Cai 2026/ })
      .click();
    await step(shown("en", "signup.ask_company"));
    await chat().type("Clarke & Co. Trading");
    await step(shown("en", "signup.ask_country"));
    await chat().lastBotMessage().getByRole("button", { name: "🌐 Other" }).click();
    await step(shown("en", "signup.ask_tax_id.other"));
    await chat().type("GB-123456789");
    await step(shown("en", "signup.ask_sectors"));
    await chat().lastBotMessage().getByRole("button", { name: "Logistics" }).click();
    // The bot redraws the keyboard in place with the sector ticked.
    await chat()
      .lastBotMessage()
      .getByRole("button", { name: /✅.*Logistics/ })
      .waitFor();
    await chat().lastBotMessage().getByRole("button", { name: /Done/ }).click();
    await step(shown("en", "signup.ask_booths"));
    await chat().type("2");
    await step(shown("en", "signup.ask_contact_person"));
    await chat().type("Emma Clarke");
    await step(shown("en", "signup.ask_phone.other"));
    await chat().type("+44 20 7946 0958");
    await step(shown("en", "signup.ask_email"));
    await chat().type("emma@clarke.example");
    await step(shown("en", "signup.ask_licence"));
    await page
      .locator("#file")
      .setInputFiles({ name: "licence.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4 Clarke licence") });
    await step(shown("en", "signup.summary_title"));
    expect(await chat().lastBotMessage().textContent()).toContain("+442079460958");
    await chat().lastBotMessage().getByRole("button", { name: "✅ Confirm" }).click();
    await step("Registered for");
    const [row] = await listUserRegistrations(sandbox.app.db, persona("en").id);
    expect(row).toMatchObject({ company: "Clarke & Co. Trading", status: "pending", licence_kind: "document" });
    expect(await chat().lastBotMessage().textContent()).toContain(row!.reference);
  });

  it("the staff member sees the registration, opens the licence and approves it", async () => {
    await chat()
      .tab(/Trade-office staff/)
      .click();
    // Located by its heading: the licence's caption names the company too.
    const card = chat().botMessage(shown("vi", "review.event.new"));
    await card.waitFor();
    expect(await card.textContent()).toContain("Clarke & Co. Trading");
    await card.getByRole("button", { name: shown("vi", "review.licence_button") }).click();
    // The bot's own copy, named after the registration's reference.
    const licence = page.locator(".msg.in .doc", { hasText: `${await reference()}.pdf` });
    const [download] = await Promise.all([page.waitForEvent("download"), licence.click()]);
    expect(fs.readFileSync((await download.path())!, "utf8")).toBe("%PDF-1.4 Clarke licence");
    await card.getByRole("button", { name: shown("vi", "review.approve_button") }).click();
    await step(translated("vi", "review.approved", { reference: await reference(), name: "Minh" }));
    // Decided, the notice is edited in place (through the outbox): no longer headed "new", it says who
    // approved it; Approve and Reject are gone, View licence stays.
    const decided = chat().botMessage("Người quyết định: Minh");
    await decided.waitFor({ timeout: 30_000 });
    expect(await decided.textContent()).toContain(await reference());
    expect(await decided.locator(".key").allTextContents()).toEqual([shown("vi", "review.licence_button")]);
  }, 60_000);

  it("the applicant is told, in English, with an unread mark on their chat", async () => {
    await expect
      .poll(() =>
        chat()
          .tab(/English-speaking business/)
          .locator(".badge")
          .textContent(),
      )
      .toBe("1");
    await chat()
      .tab(/English-speaking business/)
      .click();
    await step(
      translated("en", "registration.outcome.approved", {
        reference: await reference(),
        fair: "Vietnam - China International Trade Fair (Lao Cai 2026)",
      }),
    );
  });

  it("the staff member exports the fair's registrations as an Excel file", async () => {
    await chat()
      .tab(/Trade-office staff/)
      .click();
    await chat().type("/registrations");
    await chat()
      .lastBotMessage()
      .getByRole("button", { name: /Lào Cai 2026/ })
      .click();
    await chat().lastBotMessage().getByRole("button", { name: /xlsx/ }).click();
    const file = page.locator(".msg.in .doc", { hasText: "registrations-vn-cn-laocai-2026.xlsx" });
    const [download] = await Promise.all([page.waitForEvent("download"), file.click()]);
    expect(download.suggestedFilename()).toBe("registrations-vn-cn-laocai-2026.xlsx");
    // An .xlsx is a zip archive.
    expect(
      fs
        .readFileSync((await download.path())!)
        .subarray(0, 2)
        .toString(),
    ).toBe("PK");
  });
});
