import net from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { demoDatabase, TEST_TOKEN } from "./helpers/app.js";
import { Chat } from "./helpers/chat.js";
import { FakeBotApi } from "./helpers/fake-bot-api.js";
import { type BotProcess, freePort, spawnMain } from "./helpers/process.js";

const SECRET = TEST_TOKEN.split(":")[1]!;
const MASKED = `/bot${TEST_TOKEN.split(":")[0]}:***/getMe`;
let bot: BotProcess | undefined;
let api: FakeBotApi | undefined;
let hung: net.Server | undefined;
afterEach(async () => {
  bot?.child.kill("SIGKILL");
  await bot?.exited;
  await api?.close();
  hung?.close();
  [bot, api, hung] = [undefined, undefined, undefined];
});

/** Starts the bot (what npm start runs) against the Bot API at `apiRoot`, its HTTP server on `httpPort`. */
async function startBot(apiRoot: string, httpPort: number) {
  const { db, file } = await demoDatabase();
  await db.destroy();
  bot = spawnMain({ BOT_TOKEN: TEST_TOKEN, TELEGRAM_API_ROOT: apiRoot, DATABASE_URL: file, PORT: String(httpPort) });
  return bot;
}

const readiness = async (port: number) => {
  const response = await fetch(`http://127.0.0.1:${port}/readyz`);
  return { status: response.status, body: (await response.json()) as { checks: Record<string, string> } };
};

describe("npm start when the Bot API cannot be reached", () => {
  it("says so within seconds, with the URL tried (token masked) and what to check, and /readyz is not ready", async () => {
    const apiPort = await freePort();
    const httpPort = await freePort();
    const started = Date.now();
    const running = await startBot(`http://127.0.0.1:${apiPort}`, httpPort);
    await expect.poll(() => running.output(), { timeout: 8_000, interval: 100 }).toContain("Cannot reach the Bot API");
    expect(Date.now() - started).toBeLessThan(8_000);
    const output = running.output();
    expect(output).toContain(`http://127.0.0.1:${apiPort}${MASKED}`);
    expect(output).toContain("ECONNREFUSED");
    expect(output).toContain("TELEGRAM_API_ROOT");
    expect(output).toContain("firewall");
    expect(output).toContain("Trying again in 5 s");
    expect(output).not.toContain(SECRET);
    const ready = await readiness(httpPort);
    expect(ready.status).toBe(503);
    expect(ready.body.checks.botApi).toContain("not reached yet");
  });

  it("a Bot API that accepts the connection and never answers is reported after 5 s, not minutes", async () => {
    hung = net.createServer(() => undefined);
    await new Promise<void>((resolve) => hung!.listen(0, "127.0.0.1", resolve));
    const { port } = hung.address() as net.AddressInfo;
    const started = Date.now();
    const running = await startBot(`http://127.0.0.1:${port}`, await freePort());
    await expect.poll(() => running.output(), { timeout: 12_000, interval: 100 }).toContain("no answer within 5 s");
    expect(Date.now() - started).toBeLessThan(12_000);
    expect(running.output()).not.toContain(SECRET);
  });

  it("keeps trying, and answers users once a Bot API that started late is up", async () => {
    const apiPort = await freePort();
    const httpPort = await freePort();
    const running = await startBot(`http://127.0.0.1:${apiPort}`, httpPort);
    await expect.poll(() => running.output(), { timeout: 8_000, interval: 100 }).toContain("Cannot reach the Bot API");

    api = new FakeBotApi({ token: TEST_TOKEN });
    await api.listen(apiPort);
    await api.waitFor((call) => call.method === "getUpdates", { timeoutMs: 15_000 });
    const user = new Chat(api, { id: 4242, first_name: "Lan", language_code: "vi" });
    await user.say("/start", "Xin chào Lan");
    expect((await readiness(httpPort)).status).toBe(200);
    expect(running.output()).toContain("answers again");
  });
});
