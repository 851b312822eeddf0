/**
 * Takes docs/sandbox-chat.png, the README's picture of the chat page: the sandbox on a temporary
 * database, driven in Debian's chromium (CHROMIUM_PATH to use another). Run: npm run docs:screenshot
 * With Debian's fonts-noto-color-emoji and fonts-noto-cjk installed, emoji and Chinese show as such.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium } from "playwright-core";
import { fixedClock } from "../src/clock.js";
import { createConfig } from "../src/config.js";
import { createLogger } from "../src/logger.js";
import { startSandbox } from "../src/sandbox/sandbox.js";

// The demo data's fairs are dated around this day.
const DEMO_NOW = "2026-11-23T09:00:00+07:00";
const OUT = path.resolve(import.meta.dirname, "../docs/sandbox-chat.png");

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sandbox-shot-"));
const config = createConfig({ SANDBOX_PORT: "0", SANDBOX_DATABASE_URL: path.join(dir, "sandbox.sqlite"), LOG_LEVEL: "silent" });
const sandbox = await startSandbox(config, { clock: fixedClock(DEMO_NOW), logger: createLogger("silent") });
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium" });
try {
  const page = await browser.newPage({
    viewport: { width: 400, height: 860 },
    deviceScaleFactor: 2,
    locale: "en-GB",
    timezoneId: "Asia/Ho_Chi_Minh",
  });
  await page.goto(`${sandbox.url}/#en`);
  await page.getByRole("button", { name: "Start" }).click();
  await page.getByRole("button", { name: "📝 Open registrations" }).click();
  await page.locator(".msg.in").nth(1).locator(".key").first().click();
  await page.getByText("Registration deadline for").waitFor();
  // No hover highlight in the picture, and every font and emoji loaded.
  await page.mouse.move(0, 0);
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: OUT });
  console.log(`wrote ${path.relative(process.cwd(), OUT)}`);
} finally {
  await browser.close();
  await sandbox.stop();
  fs.rmSync(dir, { recursive: true, force: true });
}
