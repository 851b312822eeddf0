import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { TEST_TOKEN, tempDatabasePath } from "./helpers/app.js";
import { type FakeBotApi, startFakeBotApi } from "./helpers/fake-bot-api.js";
import { type FaultProxy, startFaultProxy } from "./helpers/fault-proxy.js";
import { spawnMain } from "./helpers/process.js";

let api: FakeBotApi | undefined;
let proxy: FaultProxy | undefined;
afterEach(async () => {
  await proxy?.close();
  await api?.close();
  api = undefined;
  proxy = undefined;
});

describe("npm start", () => {
  it("without BOT_TOKEN runs the sandbox on its own database, says so in one line, and stops cleanly on SIGTERM", async () => {
    const sandboxDatabase = tempDatabasePath();
    const liveDatabase = tempDatabasePath();
    const bot = spawnMain({ SANDBOX_PORT: "0", SANDBOX_DATABASE_URL: sandboxDatabase, DATABASE_URL: liveDatabase });
    await expect.poll(() => bot.output(), { timeout: 15_000 }).toContain("\n");
    const line =
      /^Sandbox mode \(no BOT_TOKEN\): open (http:\/\/127\.0\.0\.1:\d+) to chat with the bot\. To go live, put your BotFather token in \.env as BOT_TOKEN\.\n$/;
    expect(bot.output()).toMatch(line);
    const url = line.exec(bot.output())![1]!;
    expect((await fetch(url)).headers.get("content-type")).toBe("text/html; charset=utf-8");
    await fetch(`${url}/api/send`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ persona: "vi", text: "/start" }),
    });
    await expect
      .poll(async () => JSON.stringify(await firstEvent(`${url}/api/events`)), { timeout: 10_000 })
      .toContain("Xin chào Lan");
    expect(fs.existsSync(sandboxDatabase)).toBe(true);
    expect(fs.existsSync(liveDatabase)).toBe(false);
    bot.child.kill("SIGTERM");
    expect(await bot.exited).toBe(0);
    expect(bot.output()).toMatch(line);
  });

  it("without BOT_TOKEN and with SANDBOX_PORT taken says which port and stops", async () => {
    const busy = net.createServer();
    await new Promise<void>((resolve) => busy.listen(0, "127.0.0.1", resolve));
    const port = (busy.address() as net.AddressInfo).port;
    const bot = spawnMain({ SANDBOX_PORT: String(port), SANDBOX_DATABASE_URL: tempDatabasePath() });
    expect(await bot.exited).toBe(1);
    busy.close();
    expect(bot.output()).toContain(`port ${port} on 127.0.0.1 is in use`);
  });

  it("names a bad variable and stops", async () => {
    const bot = spawnMain({ BOT_TOKEN: TEST_TOKEN, TIMEZONE: "Nowhere/Land" });
    expect(await bot.exited).toBe(2);
    expect(bot.output()).toContain("TIMEZONE: must be an IANA time zone");
  });

  it("refuses a database file of 0 bytes, naming the file and DATABASE_URL", async () => {
    api = await startFakeBotApi({ token: TEST_TOKEN });
    const file = tempDatabasePath();
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, "");
    const bot = spawnMain({ BOT_TOKEN: TEST_TOKEN, TELEGRAM_API_ROOT: api.apiRoot, DATABASE_URL: file });
    expect(await bot.exited).toBe(1);
    expect(bot.output()).toContain(`Cannot start: DATABASE_URL points to ${file}, which is empty (0 bytes)`);
    expect(api.calls.some((c) => c.method === "getUpdates")).toBe(false);
  });

  it("with a token the Bot API rejects ends with a clear 401 message", async () => {
    api = await startFakeBotApi({ token: TEST_TOKEN });
    const bot = spawnMain({
      BOT_TOKEN: "987654321:WRONG-token-wrong-token-wrong",
      TELEGRAM_API_ROOT: api.apiRoot,
      DATABASE_URL: tempDatabasePath(),
    });
    expect(await bot.exited).toBe(1);
    expect(bot.output()).toContain("Telegram rejected BOT_TOKEN (401 Unauthorized)");
  });

  it("stops cleanly with the start-up message when Telegram rejects the token while running", async () => {
    api = await startFakeBotApi({ token: TEST_TOKEN });
    proxy = await startFaultProxy(api.apiRoot);
    const bot = spawnMain({ BOT_TOKEN: TEST_TOKEN, TELEGRAM_API_ROOT: proxy.apiRoot, DATABASE_URL: tempDatabasePath() });
    await api.waitFor((c) => c.method === "getUpdates", { timeoutMs: 15_000 });
    proxy.inject("getUpdates", "unauthorized", Number.POSITIVE_INFINITY);
    api.sendText({ id: 78, first_name: "Lan", language_code: "vi" }, "/start");
    expect(await bot.exited).toBe(1);
    expect(bot.output()).toContain(`Telegram rejected BOT_TOKEN (401 Unauthorized) at ${proxy.apiRoot}.`);
    expect(bot.output()).not.toContain("grammY runner");
    expect(bot.output()).not.toMatch(/^\s+at /m); // no stack trace
  });

  it("migrates, keeps running when setMyCommands fails, answers, and stops cleanly on SIGTERM", async () => {
    api = await startFakeBotApi({ token: TEST_TOKEN });
    api.failNext(
      "setMyCommands",
      { status: 404, body: { ok: false, error_code: 404, description: "Not Found: method not found" } },
      10,
    );
    const bot = spawnMain({ BOT_TOKEN: TEST_TOKEN, TELEGRAM_API_ROOT: api.apiRoot, DATABASE_URL: tempDatabasePath() });
    await api.waitFor((c) => c.method === "getUpdates", { timeoutMs: 15_000 });
    const since = api.calls.length;
    api.sendText({ id: 77, first_name: "Minh", language_code: "vi" }, "/start");
    expect(String((await api.nextReply(77, { since, timeoutMs: 10_000 })).payload.text)).toContain("Xin chào Minh");
    // The log line travels through a pipe, the reply through HTTP: either may arrive first.
    await expect.poll(() => bot.output(), { timeout: 5000 }).toContain("setMyCommands failed");
    bot.child.kill("SIGTERM");
    expect(await bot.exited).toBe(0);
  });
});

/** The chat page's first event: a snapshot of every persona's chat. */
async function firstEvent(url: string): Promise<unknown> {
  const abort = new AbortController();
  const res = await fetch(url, { signal: abort.signal });
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let text = "";
  while (!text.includes("\n\n")) text += decoder.decode((await reader.read()).value, { stream: true });
  abort.abort();
  return JSON.parse(text.slice("data: ".length, text.indexOf("\n\n")));
}
