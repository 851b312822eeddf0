import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Message, MessageEntity, Update } from "grammy/types";
import { type Browser, chromium, type Page } from "playwright-core";
import { fixedClock } from "../../src/clock.js";
import { createConfig } from "../../src/config.js";
import { createLogger } from "../../src/logger.js";
import { PERSONAS, type Persona } from "../../src/sandbox/personas.js";
import { type Sandbox, startSandbox } from "../../src/sandbox/sandbox.js";
import { TEST_NOW } from "./app.js";

// Debian's package, installed by .ci/run; never a browser downloaded by Playwright.
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const hasChromium = fs.existsSync(CHROMIUM);
if (!hasChromium)
  console.warn(`Skipping the chat page's browser tests: ${CHROMIUM} is missing (apt-get install chromium; .ci/run does it).`);

export const launchChromium = (): Promise<Browser> => chromium.launch({ executablePath: CHROMIUM });

export const persona = (key: string): Persona => PERSONAS.find((p) => p.key === key)!;

export interface PageSandbox {
  sandbox: Sandbox;
  page: Page;
  stop(): Promise<void>;
}

/** A sandbox on a fresh demo database at TEST_NOW, and a page of `browser` (not yet opened). */
export async function startPageSandbox(browser: Browser, env: Record<string, string> = {}): Promise<PageSandbox> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sandbox-page-"));
  const config = createConfig({
    SANDBOX_PORT: "0",
    SANDBOX_DATABASE_URL: path.join(dir, "sandbox.sqlite"),
    LOG_LEVEL: "silent",
    ...env,
  });
  const sandbox = await startSandbox(config, { clock: fixedClock(TEST_NOW), logger: createLogger("silent") });
  const page = await browser.newPage({ viewport: { width: 400, height: 800 } });
  return {
    sandbox,
    page,
    async stop() {
      await page.close();
      await sandbox.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The chat page's view of a page: what a person does and sees there. */
export function chatView(page: Page) {
  return {
    tab: (role: RegExp) => page.getByRole("tab", { name: role }),
    lastBotMessage: () => page.locator(".msg.in").last(),
    botMessage: (text: string) => page.locator(".msg.in", { hasText: text }).last(),
    async type(text: string) {
      await page.getByRole("textbox", { name: "Message" }).fill(text);
      await page.keyboard.press("Enter");
    },
  };
}

/** A text with `part` in bold, as Telegram carries it: plain text and an entity (offsets in UTF-16 units). */
export function withBold(text: string, part: string): { text: string; entities: MessageEntity[] } {
  const offset = text.indexOf(part);
  if (offset < 0) throw new Error(`withBold: "${part}" is not in "${text}"`);
  return { text, entities: [{ type: "bold", offset, length: part.length }] };
}

/**
 * `who` sends formatted text, as a Telegram app does when its user makes words bold. The chat
 * page's composer sends plain text only, so formatting comes in this way; the page shows the
 * message in the chat like any other.
 */
export function sendFormatted(sandbox: Sandbox, who: Persona, message: { text: string; entities: MessageEntity[] }): void {
  const { id, first_name, last_name, username, language_code } = who;
  sandbox.server.chats.chat(id, who);
  const sent = sandbox.server.chats.add(id, {
    from: { id, is_bot: false, first_name, last_name, username, language_code },
    ...message,
  });
  sandbox.server.pushUpdate({ message: sent as Message & Update.NonChannel });
}
