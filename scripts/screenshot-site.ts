/**
 * Takes docs/event-page.png, the README's picture of a fair's public page on a 360 px phone: the
 * sandbox on a temporary database, driven in Debian's chromium (CHROMIUM_PATH to use another).
 * Run: npm run docs:screenshot-site
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
const OUT = path.resolve(import.meta.dirname, "../docs/event-page.png");

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "site-shot-"));
const config = createConfig({ SANDBOX_PORT: "0", SANDBOX_DATABASE_URL: path.join(dir, "sandbox.sqlite"), LOG_LEVEL: "silent" });
const sandbox = await startSandbox(config, { clock: fixedClock(DEMO_NOW), logger: createLogger("silent") });
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium" });
try {
  const page = await browser.newPage({
    viewport: { width: 360, height: 740 },
    deviceScaleFactor: 2,
    isMobile: true,
    locale: "en-GB",
    timezoneId: "Asia/Ho_Chi_Minh",
  });
  await page.goto(`${sandbox.url}/fairs/vn-cn-langson-2026?lang=en`);
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: OUT, fullPage: true });
  console.log(`wrote ${path.relative(process.cwd(), OUT)}`);
} finally {
  await browser.close();
  await sandbox.stop();
  fs.rmSync(dir, { recursive: true, force: true });
}
