/**
 * Memory and start-up of the compiled bot (`npm run build` first): `npm run bench:memory`.
 * It reports; it never asserts.
 *
 * The bot runs as it would on a server — `npm run start:prod`'s node command (its flags read from
 * package.json, or MEM_NODE_ARGS in their place to try others), one process, long polling —
 * against a local Bot API (the sandbox's, in this process, keeping no call log) on a demo
 * database. Measured:
 * - start-up to first answer: from spawning the process to the reply to "/start" sent at once, and
 *   the CPU time the process had used by then (what a machine busy with other work cannot inflate);
 * - RSS (the process's resident memory, /proc/<pid>/status) idle, 5 s after that answer;
 * - RSS while MEM_UPDATES (100,000) questions and commands are answered, 200 chats each asking its
 *   next one when answered (the bench:qa mix), sampled at each quarter, and 10 s after the last.
 * Targets (issue 15): RSS < 120 MB and flat; start-up to first answer < 1.5 s.
 */
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { startBotApiServer } from "../src/sandbox/bot-api-server.js";
import { demoDatabase, TEST_TOKEN } from "../test/helpers/app.js";

const UPDATES = Number(process.env.MEM_UPDATES ?? 100_000);
const CHATS = 200;
const ROOT = path.resolve(import.meta.dirname, "..");
const MAIN = path.join(ROOT, "dist/src/main.js");
// The node flags of `npm run start:prod` ("node <flags> dist/src/main.js"), so the bench runs what production runs.
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> };
const prodFlags = (pkg.scripts["start:prod"] ?? "").split(/\s+/).filter((word) => word.startsWith("--"));
const NODE_ARGS = process.env.MEM_NODE_ARGS === undefined ? prodFlags : process.env.MEM_NODE_ARGS.split(/\s+/).filter(Boolean);
if (!fs.existsSync(MAIN)) {
  console.error("bench:memory runs the compiled bot: npm run build first.");
  process.exit(2);
}

const fixture = JSON.parse(fs.readFileSync(path.join(ROOT, "test/fixtures/questions.json"), "utf8")) as {
  questions: Array<{ text: string }>;
};
const COMMANDS = ["/fairs", "/deadlines", "/gates", "/contacts", "/start"];
const POOL = fixture.questions.flatMap((q, i) => (i % 2 === 0 ? [q.text, COMMANDS[(i / 2) % COMMANDS.length]!] : [q.text]));
const users = Array.from({ length: CHATS }, (_, i) => ({
  id: 10_001 + i,
  first_name: `User${i + 1}`,
  language_code: (["vi", "zh", "en"] as const)[i % 3],
}));

const rssMb = (pid: number): number => {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
};
/** User plus system CPU time of a process so far, in seconds (/proc/<pid>/stat, in clock ticks of 1/100 s). */
const cpuSeconds = (pid: number): number => {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100;
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const api = await startBotApiServer({ token: TEST_TOKEN, keepCalls: false });
let onReply: (chatId: number) => void = () => undefined;
api.intercept({
  after: (call) => {
    if (call.method === "sendMessage") onReply(Number(call.payload.chat_id));
    return undefined;
  },
});
const { db, file } = await demoDatabase();
await db.destroy();

const started = performance.now();
const bot: ChildProcess = spawn(process.execPath, [...NODE_ARGS, MAIN], {
  cwd: ROOT,
  env: {
    PATH: process.env.PATH ?? "",
    BOT_TOKEN: TEST_TOKEN,
    TELEGRAM_API_ROOT: api.apiRoot,
    DATABASE_URL: file,
    PORT: "0",
    LOG_LEVEL: "warn",
    ENV_FILE: "/dev/null",
  },
  stdio: ["ignore", "inherit", "inherit"],
});
const pid = bot.pid!;

const first = new Promise<{ wall: number; cpu: number }>((resolve) => {
  onReply = () => resolve({ wall: performance.now() - started, cpu: cpuSeconds(pid) });
});
api.sendText(users[0]!, "/start");
const startup = await first;
await sleep(5000);
const idle = rssMb(pid);

let answered = 0;
let asked = 0;
const samples: Array<{ at: number; rss: number }> = [];
const done = new Promise<void>((resolve) => {
  onReply = (chatId) => {
    answered++;
    if (answered % (UPDATES / 4) === 0) samples.push({ at: answered, rss: rssMb(pid) });
    if (answered >= UPDATES) return resolve();
    if (asked < UPDATES) {
      const user = users[chatId - 10_001];
      if (user) api.sendText(user, POOL[asked++ % POOL.length]!);
    }
  };
});
const load = performance.now();
for (const user of users) api.sendText(user, POOL[asked++ % POOL.length]!);
await done;
const seconds = (performance.now() - load) / 1000;
await sleep(10_000);
const after = rssMb(pid);
bot.kill("SIGTERM");
await new Promise((resolve) => bot.once("exit", resolve));
await api.close();

console.log(
  `compiled bot (node ${process.version} ${NODE_ARGS.join(" ")}), ${UPDATES} updates from ${CHATS} chats in ${seconds.toFixed(1)} s`,
);
console.log(
  `start-up to first answer: ${(startup.wall / 1000).toFixed(2)} s (target < 1.5 s), ${startup.cpu.toFixed(2)} s of CPU`,
);
console.log(`RSS idle: ${idle.toFixed(1)} MB (target < 120 MB)`);
for (const { at, rss } of samples) console.log(`RSS after ${at} updates: ${rss.toFixed(1)} MB`);
console.log(`RSS 10 s after the last: ${after.toFixed(1)} MB`);
process.exit(0);
