/**
 * Broadcast delivery benchmark (report only, never asserts the targets).
 *
 * A broadcast to N recipients (BENCH_RECIPIENTS, default 10,000, languages vi/zh/en) is queued in
 * a demo database through createBroadcast (what /broadcast's confirm button calls), then the real
 * bot (`src/main.ts`, a separate process) drains it against the fake Bot API, which enforces
 * Telegram's limits: LIMIT_PER_SECOND (30) requests a second overall, 1 a second per chat, and
 * answers anything over them with 429 and retry_after. The bot runs at OUTBOX_RATE (BENCH_RATE,
 * default 29: its pacer allows rate + 1 in a one-second window, so 29 is the most that never
 * exceeds 30); its status-message edits (every OUTBOX_PROGRESS_SECONDS = 5) share that rate.
 *
 * The fake Bot API holds every request BENCH_LATENCY_MS before handling it (a comma-separated list,
 * default 0,150,300: each latency is run in turn) — the round trip of a server far from Telegram's.
 *
 * Variants (BENCH_VARIANT: both | plain | crash):
 * - plain: one run to the end.
 * - crash: SIGKILL at a random moment (uniform over 10–90 % of the expected duration, seeded by
 *   BENCH_SEED or the clock, printed), then an immediate restart that must finish the job.
 *
 * Reported, per variant, all measured in this one run: recipients' messages per second while the
 * bot was up, and that as a ratio of the overall limit; every request the limits let through per
 * second; 429s the bot earned; recipients who never got the message (lost); extra copies
 * (duplicates); rows in flight at the kill (those the restart may send again). Targets: ratio ≥
 * 0.95, 0 × 429, 0 lost, duplicates ≤ the sender's requests in flight (inFlightFor) per crash.
 */
import { performance } from "node:perf_hooks";
import { createBroadcast } from "../src/modules/broadcasts/broadcasts.service.js";
import { createDatabase } from "../src/platform/db/connection.js";
import { inFlightFor } from "../src/platform/outbox/sender.js";
import { demoDatabase, TEST_NOW, TEST_TOKEN } from "../test/helpers/app.js";
import { type FakeBotApi, startFakeBotApi } from "../test/helpers/fake-bot-api.js";
import { type BotProcess, spawnMain } from "../test/helpers/process.js";
import { seedUsers } from "../test/helpers/users.js";

const RECIPIENTS = Number(process.env.BENCH_RECIPIENTS ?? 10_000);
const RATE = Number(process.env.BENCH_RATE ?? 29);
const LIMIT_PER_SECOND = 30;
const VARIANT = process.env.BENCH_VARIANT ?? "both";
const LATENCIES = (process.env.BENCH_LATENCY_MS ?? "0,150,300").split(",").map(Number);
const SEED = Number(process.env.BENCH_SEED ?? Date.now() % 100_000);
const ADMIN_ID = 900;
const TEXT = "📣 Benchmark broadcast: the Lao Cai fair moves to 12 December.";
const FIRST_USER = 1_000_000;

/** Small deterministic PRNG so a crash moment can be replayed with BENCH_SEED. */
function mulberry32(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Result {
  variant: string;
  latencyMs: number;
  recipients: number;
  wallS: number;
  upS: number;
  recipientRate: number;
  requestRate: number;
  tooMany: number;
  lost: number;
  duplicates: number;
  crashAt?: number;
  /** Rows left 'sending' by the killed process. */
  inFlightAtKill?: number;
}

async function prepare(): Promise<{ file: string; recipients: number }> {
  const { db, file } = await demoDatabase();
  // The author is an admin (ADMIN_IDS) and, as an active user, one of the recipients.
  await db
    .insertInto("users")
    .values({
      id: ADMIN_ID,
      role: "admin",
      first_name: "Bench",
      username: null,
      language_code: "en",
      language: null,
      first_seen: TEST_NOW,
      last_seen: TEST_NOW,
    })
    .execute();
  await seedUsers(db, FIRST_USER, RECIPIENTS - 1);
  const now = new Date();
  const { recipients } = await createBroadcast(
    db,
    {
      createdBy: ADMIN_ID,
      content: { default: { type: "text", text: TEXT } },
      audience: { type: "all" },
      sendAt: now,
      defaultLocale: "vi",
    },
    now,
  );
  await db.destroy();
  return { file, recipients };
}

async function reported(file: string): Promise<boolean> {
  const db = createDatabase(file);
  try {
    const row = await db.selectFrom("broadcasts").select("reported_at").where("id", "=", 1).executeTakeFirst();
    return !!row?.reported_at;
  } finally {
    await db.destroy();
  }
}

async function until(condition: () => Promise<boolean> | boolean, what: string, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!(await condition())) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function sendingRows(file: string): Promise<number> {
  const db = createDatabase(file);
  try {
    return (await db.selectFrom("outbox").select("id").where("state", "=", "sending").execute()).length;
  } finally {
    await db.destroy();
  }
}

async function run(variant: "plain" | "crash", latencyMs: number): Promise<Result> {
  const { file, recipients } = await prepare();
  const api: FakeBotApi = await startFakeBotApi({ token: TEST_TOKEN });
  api.setLatency(latencyMs);
  api.enforceLimits({ perSecond: LIMIT_PER_SECOND, perChatPerSecond: 1 });
  const env = {
    BOT_TOKEN: TEST_TOKEN,
    TELEGRAM_API_ROOT: api.apiRoot,
    DATABASE_URL: file,
    ADMIN_IDS: String(ADMIN_ID),
    OUTBOX_RATE: String(RATE),
    OUTBOX_PROGRESS_SECONDS: "5",
    LOG_LEVEL: "warn",
  };
  const expectedS = recipients / RATE;
  const timeoutMs = (expectedS * 3 + 60) * 1000;
  const ours = () => api.delivered.filter((c) => c.payload.text === TEXT);
  const started = performance.now();
  let bot: BotProcess = spawnMain(env);
  const downtime: Array<[number, number]> = [];
  let crashAt: number | undefined;
  let inFlightAtKill: number | undefined;
  try {
    if (variant === "crash") {
      const random = mulberry32(SEED);
      crashAt = (0.1 + 0.8 * random()) * expectedS;
      await until(() => ours().length > 0, "the first message", 60_000);
      await new Promise((r) => setTimeout(r, crashAt! * 1000));
      const killedAt = performance.now();
      bot.child.kill("SIGKILL");
      await bot.exited;
      inFlightAtKill = await sendingRows(file);
      bot = spawnMain(env);
      const before = ours().length;
      await until(() => ours().length > before, "the first message after the restart", 60_000);
      downtime.push([killedAt, ours().at(before)!.at]);
    }
    await until(() => reported(file), "the final report", timeoutMs);
  } finally {
    bot.child.kill("SIGTERM");
    await bot.exited;
    await api.close();
  }
  const wallS = (performance.now() - started) / 1000;

  const sends = ours();
  const counts = new Map<number, number>();
  for (const call of sends) counts.set(Number(call.payload.chat_id), (counts.get(Number(call.payload.chat_id)) ?? 0) + 1);
  const first = sends[0]!.at;
  const last = sends.at(-1)!.at;
  const down = downtime.reduce((ms, [a, b]) => ms + (b - a), 0);
  const upS = (last - first - down) / 1000;
  // Every send or edit the limits let through in the same span (deliveries and status edits).
  const requests = api.accepted.filter((at) => at >= first && at <= last).length;
  return {
    variant,
    latencyMs,
    recipients,
    wallS,
    upS,
    recipientRate: (sends.length - 1) / upS,
    requestRate: (requests - 1) / upS,
    tooMany: api.rateLimited,
    lost: recipients - counts.size,
    duplicates: [...counts.values()].reduce((n, c) => n + c - 1, 0),
    crashAt,
    inFlightAtKill,
  };
}

console.log(
  `broadcast to ${RECIPIENTS} recipients, bot OUTBOX_RATE=${RATE}/s (${inFlightFor(RATE)} requests in flight at most), fake Bot API limits ${LIMIT_PER_SECOND}/s overall and 1/s per chat, node ${process.version}`,
);
const results: Result[] = [];
for (const latencyMs of LATENCIES) {
  for (const variant of VARIANT === "both" ? (["plain", "crash"] as const) : ([VARIANT] as Array<"plain" | "crash">)) {
    if (variant === "crash") console.log(`crash variant: BENCH_SEED=${SEED}`);
    const result = await run(variant, latencyMs);
    console.log(`  ${variant} at ${latencyMs} ms: ${(result.recipientRate / RATE).toFixed(3)} of OUTBOX_RATE`);
    results.push(result);
  }
}

const header = [
  "variant",
  "latency ms",
  "recipients",
  "wall s",
  "up s",
  "msgs/s",
  "ratio of 30/s",
  "of OUTBOX_RATE",
  "requests/s",
  "429s",
  "lost",
  "duplicates",
  "killed at s",
  "in flight at kill",
];
const rows = results.map((r) => [
  r.variant,
  String(r.latencyMs),
  String(r.recipients),
  r.wallS.toFixed(1),
  r.upS.toFixed(1),
  r.recipientRate.toFixed(2),
  (r.recipientRate / LIMIT_PER_SECOND).toFixed(3),
  (r.recipientRate / RATE).toFixed(3),
  r.requestRate.toFixed(2),
  String(r.tooMany),
  String(r.lost),
  String(r.duplicates),
  r.crashAt === undefined ? "-" : r.crashAt.toFixed(1),
  r.inFlightAtKill === undefined ? "-" : String(r.inFlightAtKill),
]);
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
for (const r of [header, ...rows])
  console.log(r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join("  "));
console.log(
  `targets: ratio ≥ 0.95 of OUTBOX_RATE (${((0.95 * RATE) / LIMIT_PER_SECOND).toFixed(3)} of 30/s), 0 × 429, 0 lost, ≤ ${inFlightFor(RATE)} duplicates per crash`,
);
process.exit(0);
