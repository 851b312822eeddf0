import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Locale } from "../../src/domain/locale.js";
import type { TemplateValue } from "../../src/domain/translate.js";
import { createI18n } from "../../src/platform/telegram/i18n.js";
import type { Sandbox } from "../../src/sandbox/sandbox.js";
import {
  chatView,
  hasChromium,
  launchChromium,
  type PageSandbox,
  persona,
  sendFormatted,
  startPageSandbox,
  withBold,
} from "../helpers/browser.js";

const i18n = createI18n("vi");
const t = (locale: Locale, key: string, vars?: Record<string, TemplateValue>) => i18n.t(locale, key, vars);
const escapeRegExp = (s: string) => s.replace(/[.*+?^$()|[\]\\{}]/g, "\\$&");
/**
 * A translation as the page shows it (tags gone, references decoded), as a pattern: placeholders
 * not given in `vars` match anything, line breaks any white space.
 */
function showing(locale: Locale, key: string, vars: Record<string, TemplateValue> = {}): RegExp {
  const text = t(locale, key, vars)
    .replace(/<[^>]*>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&")
    .trim();
  return new RegExp(
    text
      .split(/\{\w+\}/)
      .map((piece) => escapeRegExp(piece).replace(/\s+/g, "\\s+"))
      .join(".+?"),
  );
}

// The announcement Minh writes, with its bold part, and its English version.
const BOLD_VI = "hạn đăng ký kéo dài đến 30/11";
const ANNOUNCEMENT_VI = withBold(`📣 Hội chợ Lào Cai 2026: ${BOLD_VI}. Liên hệ Sở Công Thương để biết thêm.`, BOLD_VI);
const BOLD_EN = "registration extended to 30 November";
const ANNOUNCEMENT_EN = withBold(`📣 Lao Cai Fair 2026: ${BOLD_EN}. Contact the trade office for details.`, BOLD_EN);

// Generous rates, so the paced outbox and its progress report do not slow the tests down.
const FAST_OUTBOX = { OUTBOX_RATE: "1000", OUTBOX_PROGRESS_SECONDS: "0.1" };

let browser: Browser;
let running: PageSandbox;
let sandbox: Sandbox;
let page: Page;

beforeAll(async () => {
  if (hasChromium) browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});
beforeEach(async () => {
  if (!hasChromium) return;
  running = await startPageSandbox(browser, FAST_OUTBOX);
  ({ sandbox, page } = running);
});
afterEach(async () => {
  if (hasChromium) await running.stop();
});

const chat = () => chatView(page);
const TABS = {
  vi: /Vietnamese business/,
  zh: /Chinese business/,
  en: /English-speaking business/,
  staff: /Trade-office staff/,
} as const;
const tab = (key: keyof typeof TABS) => chat().tab(TABS[key]);
/** The latest message from the bot in the open chat showing `text`. */
const bot = (text: RegExp) => page.locator(".msg.in", { hasText: text }).last();
/** Waits for the bot's question, then presses one of its buttons. */
async function answer(question: RegExp, button: string) {
  await bot(question).getByRole("button", { name: button, exact: true }).click();
}
/** The announcement's text in the open chat: the bot's message that starts like `message`. */
const received = (message: { text: string }) => page.locator(".msg.in .text", { hasText: message.text.slice(0, 24) });

/** Lan, 王伟 and Emma open the bot, so they are its users; Minh's chat is open at the end. */
async function businessesStart() {
  await page.goto(`${sandbox.url}/#vi`);
  for (const [key, greeting] of [
    ["vi", "Xin chào Lan!"],
    ["zh", "您好，王伟！"],
    ["en", "Hello Emma!"],
  ] as const) {
    await tab(key).click();
    await page.getByRole("button", { name: "Start" }).click();
    await page.getByText(greeting).waitFor();
  }
  await tab("staff").click();
}

/** Minh writes /broadcast with the Vietnamese announcement only and sends it now to all active users. */
async function broadcastToAll() {
  await chat().type("/broadcast");
  await bot(showing("vi", "broadcast.compose.ask_message")).waitFor();
  sendFormatted(sandbox, persona("staff"), ANNOUNCEMENT_VI);
  await answer(showing("vi", "broadcast.compose.versions"), t("vi", "broadcast.compose.continue_button"));
  await answer(showing("vi", "broadcast.compose.ask_audience"), t("vi", "broadcast.compose.audience_all"));
  await answer(showing("vi", "broadcast.compose.ask_time"), t("vi", "broadcast.compose.now_button"));
  await answer(showing("vi", "broadcast.compose.summary"), t("vi", "broadcast.compose.confirm_button"));
}

describe.skipIf(!hasChromium)("broadcasts in the sandbox chat page", () => {
  it("A whole broadcast story in one browser", async () => {
    await businessesStart();

    // Minh composes: the message, an English version, the audience with its size, a preview, now, confirm.
    await chat().type("/broadcast");
    await bot(showing("vi", "broadcast.compose.ask_message")).waitFor();
    sendFormatted(sandbox, persona("staff"), ANNOUNCEMENT_VI);
    await answer(showing("vi", "broadcast.compose.versions"), `➕ ${t("vi", "broadcast.languages.en")}`);
    await bot(showing("vi", "broadcast.compose.ask_version", { language: t("vi", "broadcast.languages.en") })).waitFor();
    sendFormatted(sandbox, persona("staff"), ANNOUNCEMENT_EN);
    // The question comes again, with English ticked.
    await bot(showing("vi", "broadcast.compose.versions"))
      .getByRole("button", { name: `✅ ${t("vi", "broadcast.languages.en")}` })
      .waitFor();
    await answer(showing("vi", "broadcast.compose.versions"), t("vi", "broadcast.compose.continue_button"));
    await answer(showing("vi", "broadcast.compose.ask_audience"), t("vi", "broadcast.compose.audience_all"));
    // Each version is previewed with how many get it: Minh, Lan and 王伟 the default one, Emma the English one.
    await bot(
      showing("vi", "broadcast.compose.preview", { version: t("vi", "broadcast.compose.version_default"), count: 3 }),
    ).waitFor();
    await bot(showing("vi", "broadcast.compose.preview", { version: t("vi", "broadcast.languages.en"), count: 1 })).waitFor();
    expect(await received(ANNOUNCEMENT_EN).locator("b").textContent()).toBe(BOLD_EN);
    await answer(showing("vi", "broadcast.compose.ask_time"), t("vi", "broadcast.compose.now_button"));
    const summary = showing("vi", "broadcast.compose.summary", {
      audience: t("vi", "broadcast.audience.all"),
      count: 4,
      versions: [t("vi", "broadcast.compose.version_default"), t("vi", "broadcast.languages.en")].join(
        t("vi", "common.separator"),
      ),
      when: t("vi", "broadcast.compose.when_now"),
    });
    await answer(summary, t("vi", "broadcast.compose.confirm_button"));

    // Minh's report: the status message ends with the final figures, and a new message tells him it is over.
    const report = page.locator(".msg.in", {
      hasText: showing("vi", "outbox.done", { sent: 4, total: 4, failed: 0, blocked: 0 }),
    });
    await report.nth(1).waitFor();
    expect(await report.first().locator(".meta").textContent()).toMatch(/^edited/);
    expect(await report.count()).toBe(2);

    // Each business has an unread mark, and the announcement in their language, bold as bold. The page
    // hears of the messages in the order they were stored, so the deliveries came before the report.
    for (const key of ["vi", "zh", "en"] as const) expect(await tab(key).locator(".badge").textContent()).toBe("1");
    for (const [key, announcement, bold] of [
      ["vi", ANNOUNCEMENT_VI, BOLD_VI],
      ["zh", ANNOUNCEMENT_VI, BOLD_VI],
      ["en", ANNOUNCEMENT_EN, BOLD_EN],
    ] as const) {
      await tab(key).click();
      expect(await received(announcement).textContent()).toBe(announcement.text);
      expect(await received(announcement).locator("b").textContent()).toBe(bold);
    }
    // Emma reads English only.
    expect(await received(ANNOUNCEMENT_VI).count()).toBe(0);
  });

  it("A blocked persona gets no broadcast", async () => {
    await businessesStart();
    await tab("zh").click();
    const before = await page.locator(".msg").count();
    await page.getByRole("button", { name: "Block bot" }).click();
    await page.getByText("You blocked the bot.").waitFor();
    await tab("staff").click();

    await broadcastToAll();
    // The report is final: nothing is left to send to anyone.
    await bot(showing("vi", "outbox.done")).waitFor();

    expect(await tab("zh").locator(".badge").count()).toBe(0);
    await tab("zh").click();
    expect(await page.locator(".msg").count()).toBe(before);
    expect(await received(ANNOUNCEMENT_VI).count()).toBe(0);
    for (const key of ["vi", "en"] as const) {
      await tab(key).click();
      expect(await received(ANNOUNCEMENT_VI).textContent()).toBe(ANNOUNCEMENT_VI.text);
    }
  });

  it("Staff commands show in the / menu only for staff", async () => {
    // The open menu follows the bot's changes to it, so waiting for a command is enough.
    const command = (name: string) => page.getByRole("menu").locator("b", { hasText: new RegExp(`^${name}$`) });
    await page.goto(`${sandbox.url}/#staff`);
    await page.getByRole("button", { name: "Commands menu" }).click();
    await command("/broadcast").waitFor();
    await command("/registrations").waitFor();

    await tab("en").click();
    await page.getByRole("button", { name: "Commands menu" }).click();
    await command("/help").waitFor();
    expect(await command("/broadcast").count()).toBe(0);
    expect(await command("/registrations").count()).toBe(0);
  });
});
