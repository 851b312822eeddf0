/**
 * Webhook benchmark on PostgreSQL (report only, never asserts the targets).
 *
 * One, then two `ROLE=web` instances of the real bot (`src/main.ts`, separate processes) share a
 * PostgreSQL database (BENCH_DATABASE_URL's server, or TEST_DATABASE_URL's, or this machine's; a
 * new database per run), with one `ROLE=worker` beside them. Telegram is played by the fake Bot
 * API, which holds every request BENCH_LATENCY_MS (default 150) before answering: the round trip
 * of a server in Viet Nam to Telegram's. Updates (/fairs, /gates, /deadlines and free questions
 * from BENCH_USERS users) are POSTed to the instances in turn, as a load balancer spreads them, at
 * BENCH_CONCURRENCY requests in flight (default 32) for BENCH_UPDATES updates (default 3,000).
 *
 * Reported, per fleet size, in one run: updates answered per second (the last answer's time), the
 * acknowledgement time of POST /telegram (p50, p99: what Telegram waits for), and the ratio of
 * two instances' throughput to one's.
 */
import { performance } from "node:perf_hooks";
import { demoDatabase, TEST_TOKEN } from "../test/helpers/app.js";
import { dropPostgresDatabases, freshPostgresDatabase, runPrefix } from "../test/helpers/databases.js";
import { startFakeBotApi } from "../test/helpers/fake-bot-api.js";
import { type BotProcess, freePort, spawnMain, until } from "../test/helpers/process.js";

if (process.env.BENCH_DATABASE_URL) process.env.TEST_DATABASE_URL = process.env.BENCH_DATABASE_URL;
// The databases this run makes are named after it, and dropped at its end.
process.env.TEST_RUN_ID = `bench${process.pid}`;
const UPDATES = Number(process.env.BENCH_UPDATES ?? 3000);
const USERS = Number(process.env.BENCH_USERS ?? 300);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 150);
const SECRET = "bench-secret-0123456789abcdef";
const TEXTS = ["/fairs", "/gates", "/deadlines", "hội chợ lạng sơn khi nào", "友谊关口岸电话", "when is the lao cai fair"];

const update = (updateId: number, userId: number, text: string) => ({
  update_id: updateId,
  message: {
    message_id: updateId,
    date: Math.floor(Date.now() / 1000),
    chat: { id: userId, type: "private", first_name: `U${userId}` },
    from: { id: userId, is_bot: false, first_name: `U${userId}`, language_code: ["vi", "zh-hans", "en"][userId % 3] },
    text,
    ...(text.startsWith("/") ? { entities: [{ type: "bot_command", offset: 0, length: text.length }] } : {}),
  },
});

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]!;

async function run(instances: number): Promise<{ perSecond: number; p50: number; p99: number }> {
  const url = await freshPostgresDatabase();
  const { db } = await demoDatabase(url);
  await db.destroy();
  const api = await startFakeBotApi({ token: TEST_TOKEN });
  api.setLatency(LATENCY_MS);
  const ports = await Promise.all(Array.from({ length: instances }, () => freePort()));
  const env = (role: string, port: number) => ({
    BOT_TOKEN: TEST_TOKEN,
    TELEGRAM_API_ROOT: api.apiRoot,
    DATABASE_URL: url,
    ROLE: role,
    WEBHOOK_URL: "https://bot.example.vn/telegram",
    WEBHOOK_SECRET: SECRET,
    PORT: String(port),
    LOG_LEVEL: "info",
  });
  const processes: BotProcess[] = [spawnMain(env("worker", 0)), ...ports.map((port) => spawnMain(env("web", port)))];
  try {
    for (const p of processes) await until(async () => p.output().includes('"msg":"bot started"'), "start", p, 60_000);
    const base = api.delivered.length;
    const acks: number[] = [];
    let next = 0;
    const startedAt = performance.now();
    const sender = async () => {
      for (let i = next++; i < UPDATES; i = next++) {
        const body = JSON.stringify(update(10_000 + i, 500_000 + (i % USERS), TEXTS[i % TEXTS.length]!));
        const sent = performance.now();
        const response = await fetch(`http://127.0.0.1:${ports[i % ports.length]}/telegram`, {
          method: "POST",
          headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": SECRET },
          body,
        });
        await response.arrayBuffer();
        if (response.status !== 200) throw new Error(`POST /telegram answered ${response.status}`);
        acks.push(performance.now() - sent);
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, sender));
    await until(async () => api.delivered.length - base >= UPDATES, "every update answered", processes[1], 300_000);
    const seconds = (performance.now() - startedAt) / 1000;
    acks.sort((a, b) => a - b);
    return { perSecond: UPDATES / seconds, p50: percentile(acks, 50), p99: percentile(acks, 99) };
  } finally {
    for (const p of processes) p.child.kill("SIGTERM");
    await Promise.all(processes.map((p) => p.exited));
    await api.close();
  }
}

console.log(
  `webhook bench: ${UPDATES} updates from ${USERS} users, ${CONCURRENCY} in flight, Bot API ${LATENCY_MS} ms away, PostgreSQL`,
);
const one = await run(1);
console.log(
  `  1 web instance:  ${one.perSecond.toFixed(0)} updates/s answered; ack p50 ${one.p50.toFixed(1)} ms, p99 ${one.p99.toFixed(1)} ms`,
);
const two = await run(2);
console.log(
  `  2 web instances: ${two.perSecond.toFixed(0)} updates/s answered; ack p50 ${two.p50.toFixed(1)} ms, p99 ${two.p99.toFixed(1)} ms`,
);
console.log(`  two instances / one: ${(two.perSecond / one.perSecond).toFixed(2)}`);
await dropPostgresDatabases(runPrefix());
process.exit(0);
