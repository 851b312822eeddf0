import { type ChildProcess, spawn } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import type { FakeBotApi } from "./fake-bot-api.js";

export const ROOT = path.resolve(import.meta.dirname, "../..");

export interface BotProcess {
  child: ChildProcess;
  output(): string;
  exited: Promise<number | null>;
}

/** Runs `src/main.ts` (what `npm start` runs), or another script, as its own process with only the given environment. */
export function spawnMain(env: Record<string, string>, script = "src/main.ts", args: string[] = []): BotProcess {
  const child = spawn(process.execPath, ["--import", "tsx", script, ...args], {
    cwd: ROOT,
    // PORT 0: the bot's HTTP server (health checks) on a free port, so test processes never collide.
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "",
      LOG_LEVEL: "warn",
      ENV_FILE: "/dev/null",
      PORT: "0",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, output: () => output, exited };
}

/** Starts `src/main.ts` against the fake Bot API and waits for its first getUpdates (it is up). */
export async function startMain(api: FakeBotApi, env: Record<string, string>, timeoutMs = 20_000): Promise<BotProcess> {
  const since = api.calls.length;
  const started = spawnMain(env);
  await api.waitFor((c) => c.method === "getUpdates", { since, timeoutMs });
  return started;
}

/** Waits for something a bot process does in the background, polling; the error carries the process's output. */
export async function until(
  check: () => Promise<boolean>,
  what: string,
  bot: BotProcess | undefined,
  timeoutMs = 10_000,
): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`still waiting for ${what}\n${bot?.output() ?? ""}`);
    await sleep(20);
  }
}

/** A port free right now: for a URL that must be known before the process listens on it (a webhook). */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
