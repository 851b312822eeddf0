import http from "node:http";
import ICAL from "ical.js";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Locale } from "../../src/domain/locale.js";
import { createI18n } from "../../src/platform/telegram/i18n.js";
import type { Sandbox } from "../../src/sandbox/sandbox.js";
import { hasChromium, launchChromium, type PageSandbox, startPageSandbox } from "../helpers/browser.js";

const i18n = createI18n("vi");
const PHONE = { width: 360, height: 740 };

let browser: Browser;
let running: PageSandbox;
let sandbox: Sandbox;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  if (hasChromium) browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});
beforeEach(async () => {
  if (!hasChromium) return;
  running = await startPageSandbox(browser);
  sandbox = running.sandbox;
  context = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
  page = await context.newPage();
});
afterEach(async () => {
  if (!hasChromium) return;
  await context.close();
  await running.stop();
});

/** Whether the page fits the screen's width, with nothing to scroll sideways. */
const fitsWidth = (p: Page) => p.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

describe.skipIf(!hasChromium)("the public fair pages in chromium on a phone", () => {
  it("lists the upcoming fairs in each language, fitting a 360 px screen", async () => {
    for (const locale of ["vi", "zh", "en"] as Locale[]) {
      await page.goto(`${sandbox.url}/fairs?lang=${locale}`);
      await page.getByRole("heading", { level: 1, name: i18n.t(locale, "site.fairs_title") }).waitFor();
      expect(await page.locator("article h2 a").count()).toBeGreaterThan(2);
      expect(await page.locator("html").getAttribute("lang")).toBe(locale === "zh" ? "zh-Hans" : locale);
      expect(await fitsWidth(page), locale).toBe(true);
    }
  });

  it("opens an event, then shows the same event in another language from the switch", async () => {
    await page.goto(`${sandbox.url}/fairs?lang=en`);
    const first = page.locator("article h2 a").first();
    const name = (await first.textContent())!;
    await first.click();
    await page.getByRole("heading", { level: 1, name }).waitFor();
    await page.getByText("Registration deadline:").waitFor();
    expect(await page.locator("section.qr svg").isVisible()).toBe(true);
    expect(await page.locator('a[href^="https://t.me/border_trade_sandbox_bot?start=fair-"]').count()).toBeGreaterThan(0);
    expect(await fitsWidth(page)).toBe(true);
    const path = new URL(page.url()).pathname;
    await page.getByRole("link", { name: "中文" }).click();
    await page.getByText("报名截止").first().waitFor();
    expect(new URL(page.url()).pathname).toBe(path);
    expect(page.url()).toContain("lang=zh");
    await page.getByRole("link", { name: "Tiếng Việt" }).click();
    await page.getByText("Hạn đăng ký").first().waitFor();
  });

  it("filters by province with the form, without JavaScript", async () => {
    const plain = await browser.newContext({ viewport: PHONE, javaScriptEnabled: false });
    try {
      const p = await plain.newPage();
      await p.goto(`${sandbox.url}/fairs?lang=vi`);
      const all = await p.locator("article").count();
      await p.getByLabel("Tỉnh").selectOption({ label: "Lào Cai" });
      await p.getByRole("button", { name: "Xem" }).click();
      await p.waitForURL(/province=lao-cai/);
      const some = await p.locator("article").count();
      expect(some).toBeGreaterThan(0);
      expect(some).toBeLessThan(all);
    } finally {
      await plain.close();
    }
  });

  it("follows the subscribe link to a feed a calendar reads, with the events of the page", async () => {
    await page.goto(`${sandbox.url}/fairs?lang=en`);
    const href = (await page.getByRole("link", { name: i18n.t("en", "site.subscribe") }).getAttribute("href"))!;
    expect(href).toMatch(/^webcal:\/\/127\.0\.0\.1:\d+\/calendar\.ics\?lang=en$/);
    // A calendar app fetches webcal:// over HTTP; the browser's request does the same here.
    const feed = await page.request.get(href.replace(/^webcal:/, "http:"));
    expect(feed.headers()["content-type"]).toContain("text/calendar");
    const calendar = new ICAL.Component(ICAL.parse(await feed.text()));
    const uids = calendar.getAllSubcomponents("vevent").map((e) => String(e.getFirstPropertyValue("uid")));
    const ids = await page
      .locator("article h2 a")
      .evaluateAll((links) => links.map((a) => new URL((a as HTMLAnchorElement).href).pathname.split("/")[2]));
    expect(uids.filter((uid) => uid.startsWith("fair-")).sort()).toEqual(ids.map((id) => `fair-${id}@border-trade-bot`).sort());

    const download = page.waitForEvent("download");
    await page.getByRole("link", { name: i18n.t("en", "site.download_ics") }).click();
    expect((await download).suggestedFilename()).toMatch(/\.ics$/);
  });

  it("answers only requests made to this machine's own address, as the chat page does", async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const { port } = new URL(sandbox.url);
      http
        .get({ host: "127.0.0.1", port, path: "/fairs", headers: { host: "rebound.example" } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        })
        .on("error", reject);
    });
    expect(status).toBe(403);
  });
});
