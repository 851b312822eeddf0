import fs from "node:fs";
import { InputFile } from "grammy";
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Sandbox } from "../../src/sandbox/sandbox.js";
import { chatView, hasChromium, launchChromium, type PageSandbox, persona, startPageSandbox } from "../helpers/browser.js";

// A 1×1 PNG.
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
  "base64",
);

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
  running = await startPageSandbox(browser);
  ({ sandbox, page } = running);
});
afterEach(async () => {
  if (hasChromium) await running.stop();
});

const tab = (role: RegExp) => chatView(page).tab(role);
const lastBotMessage = () => chatView(page).lastBotMessage();
const type = (text: string) => chatView(page).type(text);

describe.skipIf(!hasChromium)("the sandbox chat page in chromium", () => {
  it("asks for upcoming fairs, presses a fair's button and shows its registration deadline", async () => {
    await page.goto(`${sandbox.url}/#en`);
    await type("upcoming fairs?");
    await expect.poll(() => page.locator(".msg.out").last().textContent()).toContain("upcoming fairs?");
    await page.locator(".msg.in b", { hasText: "Upcoming fairs and exhibitions" }).waitFor();
    const fairButton = lastBotMessage().locator(".key").first();
    const fairName = (await fairButton.textContent())!.replace(/^\d+\.\s*/, "");
    await fairButton.click();
    await page.locator(".msg.in b", { hasText: "Registration deadline:" }).waitFor();
    expect(await lastBotMessage().textContent()).toContain(fairName);
    expect(await lastBotMessage().textContent()).toMatch(/\(Vietnam time\) · .* \(Beijing time\)/);
  });

  it("gives each persona its own chat, in its own language, with unread counts", async () => {
    await page.goto(`${sandbox.url}/#en`);
    await page.getByRole("button", { name: "Start" }).click();
    await page.getByText("Hello Emma!").waitFor();
    await tab(/Chinese business/).click();
    expect(await tab(/Chinese business/).getAttribute("aria-selected")).toBe("true");
    await expect.poll(() => page.locator(".msg").count()).toBe(0);
    await page.getByRole("button", { name: "Start" }).click();
    await page.getByText("您好，王伟！").waitFor();
    expect(await page.getByText("Hello Emma!").count()).toBe(0);

    sandbox.server.sendText(persona("vi"), "/start");
    await expect
      .poll(() =>
        tab(/Vietnamese business/)
          .locator(".badge")
          .textContent(),
      )
      .toBe("1");
    await tab(/English-speaking business/).click();
    await page.getByText("Hello Emma!").waitFor();
    expect(await page.getByText("您好").count()).toBe(0);
    await tab(/Vietnamese business/).click();
    await page.getByText("Xin chào Lan!").waitFor();
    expect(
      await tab(/Vietnamese business/)
        .locator(".badge")
        .count(),
    ).toBe(0);
  });

  it("opens the / menu in the persona's language, filters it while typing, and sends the command picked", async () => {
    await page.goto(`${sandbox.url}/#vi`);
    await page.getByRole("button", { name: "Commands menu" }).click();
    const items = page.getByRole("menuitem");
    await expect.poll(() => items.count()).toBe(sandbox.server.chats.commandsFor(persona("vi").id, "vi").length);
    expect(await items.filter({ hasText: "/fairs" }).textContent()).toContain("Hội chợ sắp tới");
    await page.getByRole("textbox", { name: "Message" }).fill("/dea");
    await expect.poll(() => items.allTextContents()).toEqual(["/deadlinesHội chợ còn hạn đăng ký"]);
    await items.first().click();
    await page.locator(".msg.in b", { hasText: "Hội chợ đang mở đăng ký" }).waitFor();
    expect(await page.getByRole("menu").isHidden()).toBe(true);
  });

  it("renders Telegram formatting as elements, never the text as markup", async () => {
    await page.goto(`${sandbox.url}/#en`);
    const html =
      '<b>bold</b> <i>it</i> <u>u</u> <s>s</s> <a href="https://example.org/fair">link</a> <code>x&lt;y</code> <tg-spoiler>secret</tg-spoiler> &lt;img src=x onerror=alert(1)&gt;\n<pre>pre</pre><blockquote>quote</blockquote> see /help';
    await sandbox.app.bot.api.sendMessage(persona("en").id, html, { parse_mode: "HTML" });
    const text = lastBotMessage().locator(".text");
    await text.waitFor();
    expect(await text.locator("b").textContent()).toBe("bold");
    expect(await text.locator("i").textContent()).toBe("it");
    expect(await text.locator("u").textContent()).toBe("u");
    expect(await text.locator("s").textContent()).toBe("s");
    expect(await text.locator('a[href="https://example.org/fair"]').textContent()).toBe("link");
    expect(await text.locator("code").first().textContent()).toBe("x<y");
    expect(await text.locator("pre").textContent()).toBe("pre");
    expect(await text.locator("blockquote").textContent()).toBe("quote");
    expect(await text.locator("img").count()).toBe(0);
    expect(await text.textContent()).toContain("<img src=x onerror=alert(1)>");
    await text.locator(".spoiler").click();
    expect(await text.locator(".spoiler").getAttribute("class")).toContain("shown");
    await text.locator(".cmd", { hasText: "/help" }).click();
    await page.getByText("What I can do").waitFor();
  });

  it("shows the bot's documents as downloads with name and size, and its photos inline", async () => {
    await page.goto(`${sandbox.url}/#staff`);
    const xlsx = Buffer.from("PK\u0003\u0004 not really a workbook");
    await sandbox.app.bot.api.sendDocument(persona("staff").id, new InputFile(xlsx, "đăng ký.xlsx"), {
      caption: "<b>3</b> registrations",
      parse_mode: "HTML",
    });
    await sandbox.app.bot.api.sendPhoto(persona("staff").id, new InputFile(PNG, "badge.png"));
    const doc = page.locator(".msg.in .doc");
    expect(await doc.locator(".name").textContent()).toBe("đăng ký.xlsx");
    expect(await doc.locator(".size").textContent()).toBe(`${xlsx.length} B`);
    const [download] = await Promise.all([page.waitForEvent("download"), doc.click()]);
    expect(download.suggestedFilename()).toBe("đăng ký.xlsx");
    expect(fs.readFileSync((await download.path())!).equals(xlsx)).toBe(true);
    const img = page.locator(".msg.in img.photo");
    await img.waitFor();
    await expect.poll(() => img.evaluate((i: HTMLImageElement) => i.naturalWidth)).toBe(1);
  });

  it("sends a user's file to the bot, which can fetch it through getFile", async () => {
    await page.goto(`${sandbox.url}/#vi`);
    await page.getByRole("textbox", { name: "Message" }).fill("giấy phép kinh doanh");
    await page
      .locator("#file")
      .setInputFiles({ name: "giấy phép.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4 licence") });
    await page.locator(".msg.out .doc .name", { hasText: "giấy phép.pdf" }).waitFor();
    expect(await page.locator(".msg.out .text").last().textContent()).toBe("giấy phép kinh doanh");
    const sent = sandbox.server.chats.history(persona("vi").id).at(-1)!;
    expect(sent).toMatchObject({
      caption: "giấy phép kinh doanh",
      document: { file_name: "giấy phép.pdf", mime_type: "application/pdf" },
    });
    const file = await sandbox.app.bot.api.getFile(sent.document!.file_id);
    const res = await fetch(`${sandbox.url}/file/bot${sandbox.app.bot.token}/${file.file_path}`);
    expect(await res.text()).toBe("%PDF-1.4 licence");
  });

  it("blocks and unblocks the bot: the composer gives way, and the bot's messages fail meanwhile", async () => {
    await page.goto(`${sandbox.url}/#zh`);
    await page.getByRole("button", { name: "Block bot" }).click();
    await page.getByText("You blocked the bot.").waitFor();
    expect(await page.getByRole("textbox", { name: "Message" }).isHidden()).toBe(true);
    await expect(sandbox.app.bot.api.sendMessage(persona("zh").id, "news")).rejects.toThrow(/bot was blocked by the user/);
    await page.getByRole("button", { name: "Unblock", exact: true }).click();
    await page.getByRole("textbox", { name: "Message" }).waitFor();
    await sandbox.app.bot.api.sendMessage(persona("zh").id, "news");
    await page.getByText("news").waitFor();
  });

  it("fits a phone screen without sideways scrolling", async () => {
    await page.setViewportSize({ width: 360, height: 700 });
    await page.goto(`${sandbox.url}/#zh`);
    await type("近期展会");
    await page.locator(".msg.in .key").first().click();
    await page.locator(".msg.in b", { hasText: "报名截止" }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    const composer = await page.locator("#composer").boundingBox();
    expect(composer!.y + composer!.height).toBeLessThanOrEqual(700);
  });
});
