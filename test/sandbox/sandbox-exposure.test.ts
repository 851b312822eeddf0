import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { fixedClock } from "../../src/clock.js";
import { createConfig } from "../../src/config.js";
import { createLogger } from "../../src/logger.js";
import { ChatStore } from "../../src/sandbox/chat-store.js";
import { FileStore } from "../../src/sandbox/file-store.js";
import { type Sandbox, startSandbox } from "../../src/sandbox/sandbox.js";
import { TEST_NOW } from "../helpers/app.js";

const dirs: string[] = [];
const running: Sandbox[] = [];
afterEach(async () => {
  for (const sandbox of running.splice(0)) await sandbox.stop();
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

async function start(): Promise<Sandbox> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sandbox-"));
  dirs.push(dir);
  const config = createConfig({ SANDBOX_PORT: "0", SANDBOX_DATABASE_URL: path.join(dir, "s.sqlite"), LOG_LEVEL: "silent" });
  const sandbox = await startSandbox(config, { clock: fixedClock(TEST_NOW), logger: createLogger("silent") });
  running.push(sandbox);
  return sandbox;
}

/** A GET with exactly these headers (fetch would not let a test set Host). */
const status = (url: string, headers: Record<string, string>) =>
  new Promise<number>((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        res.resume();
        resolve(res.statusCode!);
      })
      .on("error", reject);
  });

const OLD_PUBLIC_TOKEN = "1000000001:SANDBOX-local-bot-api-not-telegram";

describe("the sandbox's local Bot API", () => {
  it("refuses Bot API and file requests addressed to another host (DNS rebinding)", async () => {
    const { url, server } = await start();
    const own = new URL(url).host;
    expect(await status(`${url}/bot${server.token}/getMe`, { host: own })).toBe(200);
    expect(await status(`${url}/bot${server.token}/getMe`, { host: "evil.example:8080" })).toBe(403);
    expect(await status(`${url}/file/bot${server.token}/documents/file_1.csv`, { host: "evil.example:8080" })).toBe(403);
  });

  it("refuses requests a page of another site makes, with or without an Origin", async () => {
    const { url, server } = await start();
    const own = new URL(url).host;
    const send = `${url}/bot${server.token}/getMe`;
    expect(await status(send, { host: own, origin: "https://evil.example" })).toBe(403);
    expect(await status(send, { host: own, "sec-fetch-site": "cross-site" })).toBe(403);
    expect(await status(`${url}/`, { host: own, "sec-fetch-site": "none" })).toBe(200);
    expect(
      await status(`${url}/api/commands?persona=vi`, { host: own, origin: `http://${own}`, "sec-fetch-site": "same-origin" }),
    ).toBe(200);
  });

  it("uses a new token each run, so no page can know it", async () => {
    const first = await start();
    const second = await start();
    expect(first.server.token).not.toBe(second.server.token);
    expect(first.server.token).not.toBe(OLD_PUBLIC_TOKEN);
    const own = new URL(first.url).host;
    expect(await status(`${first.url}/bot${OLD_PUBLIC_TOKEN}/getMe`, { host: own })).toBe(401);
  });

  it("keeps the chats and files in bounded memory", async () => {
    const { server } = await start();
    expect(Number.isFinite((server.chats.files as FileStore).maxBytes)).toBe(true);
    const files = new FileStore(3000);
    for (let i = 0; i < 10; i++)
      files.add({ fileName: `f${i}.bin`, mimeType: "application/octet-stream", data: Buffer.alloc(1000) }, "documents");
    expect(files.size).toBe(3000);
    expect(files.get("file-1")).toBeUndefined();
    expect(files.get("file-10")).toBeDefined();
    const chats = new ChatStore(server.botInfo, { messagesPerChat: 5 });
    for (let i = 0; i < 12; i++) chats.add(7, { text: `m${i}` });
    expect(chats.history(7).map((m) => (m as { text?: string }).text)).toEqual(["m7", "m8", "m9", "m10", "m11"]);
  });
});
