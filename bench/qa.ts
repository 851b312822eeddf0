/**
 * Q&A throughput benchmark (report only, never asserts the targets).
 *
 * 200 simulated private chats (ids 10001..10200, language codes vi/zh/en) ask a mix of the fixture
 * questions and menu commands through the fake Bot API over HTTP, each chat waiting for the reply
 * before asking again, all chats at once. Measured against the REAL bot (startTestBot: SQLite demo
 * data, migrations, createBot, runner) and, in the same process, a bare grammY echo bot run with the
 * same runner and sequentialize, each on its own fake server.
 * Latency: just before sendText → arrival of the bot's sendMessage to that chat at the fake API.
 * Throughput: answered questions ÷ wall time of the measured phase (a warm-up round is not counted).
 * Env: QA_CHATS (200), QA_ROUNDS (questions per chat, 100), QA_WARMUP (1).
 */
import fs from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { run, sequentialize } from "@grammyjs/runner";
import { Bot } from "grammy";
import { LOCALES } from "../src/config.js";
import { createI18n } from "../src/bot/i18n.js";
import { startTestBot } from "../test/helpers/app.js";
import { type FakeBotApi, type FakeUser, startFakeBotApi } from "../test/helpers/fake-bot-api.js";

const CHATS = Number(process.env.QA_CHATS ?? 200);
const ROUNDS = Number(process.env.QA_ROUNDS ?? 100);
const WARMUP = Number(process.env.QA_WARMUP ?? 1);
const LANGS = ["vi", "zh", "en"] as const;
const RUNNER_OPTIONS = { runner: { fetch: { allowed_updates: ["message", "callback_query", "my_chat_member"] as const } } };

const fixture = JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, "../test/fixtures/questions.json"), "utf8")) as {
  questions: Array<{ text: string; lang: string }>;
};
const COMMANDS = ["/fairs", "/deadlines", "/gates", "/contacts", "/start"];
// Interleaved so consecutive questions of a chat alternate between free text and commands.
const POOL = fixture.questions.flatMap((q, i) => (i % 2 === 0 ? [q.text, COMMANDS[(i / 2) % COMMANDS.length]!] : [q.text]));

// Replies that mean the bot failed or did not understand a command; counted, not expected.
const i18n = createI18n("vi");
const FAILURE_TEXTS = new Set(LOCALES.flatMap((l) => [i18n.t(l, "common.error"), i18n.t(l, "common.unknown_command")]));

interface Target {
  name: string;
  api: FakeBotApi;
  stop(): Promise<void>;
}

interface Phase {
  answers: number;
  wallMs: number;
  latencies: number[];
  failures: number;
  rssMb: number;
  heapMb: number;
}

const users: FakeUser[] = Array.from({ length: CHATS }, (_, i) => ({
  id: 10001 + i,
  first_name: `User${i + 1}`,
  language_code: LANGS[i % LANGS.length],
}));

async function startRealBot(): Promise<Target> {
  const bot = await startTestBot();
  return { name: "real bot", api: bot.api, stop: () => bot.stop() };
}

async function startEchoBot(): Promise<Target> {
  const api = await startFakeBotApi();
  const bot = new Bot(api.token, { client: { apiRoot: api.apiRoot }, botInfo: api.botInfo });
  bot.use(sequentialize((ctx) => (ctx.chat?.id ?? ctx.from?.id)?.toString()));
  bot.on("message:text", (ctx) => ctx.reply(ctx.message.text));
  const runner = run(bot, RUNNER_OPTIONS);
  return {
    name: "echo bot",
    api,
    async stop() {
      if (runner.isRunning()) await runner.stop();
      await api.close();
    },
  };
}

/** Every chat asks `rounds` questions in turn, each after the previous answer; all chats concurrently. */
async function phase(target: Target, rounds: number, offset: number): Promise<Phase> {
  const { api } = target;
  api.clear(); // nothing is awaited between phases, so no `since` index is in use
  const firstCall = api.calls.length;
  const start = performance.now();
  const perChat = await Promise.all(
    users.map(async (user, c) => {
      const latencies: number[] = [];
      let failures = 0;
      for (let q = 0; q < rounds; q++) {
        const text = POOL[(c * 7 + offset + q) % POOL.length]!;
        const since = api.calls.length;
        const t0 = performance.now();
        api.sendText(user, text);
        const reply = await api.nextReply(user.id, { since, timeoutMs: 30_000 });
        latencies.push(reply.at - t0);
        const answer = String(reply.payload.text ?? "");
        if (reply.method !== "sendMessage" || FAILURE_TEXTS.has(answer) || (target.name === "echo bot" && answer !== text)) failures++;
      }
      return { latencies, failures };
    }),
  );
  const wallMs = performance.now() - start;
  // Exactly one reply per question, otherwise latencies above paired questions with the wrong replies.
  const replies = api.calls.slice(firstCall).filter((c) => c.method === "sendMessage").length;
  await new Promise((r) => setTimeout(r, 50)); // let late extra replies show up
  const late = api.calls.slice(firstCall).filter((c) => c.method === "sendMessage").length - replies;
  const expected = CHATS * rounds;
  if (replies + late !== expected) throw new Error(`${target.name}: ${replies + late} replies to ${expected} questions (one each expected)`);
  return {
    answers: expected,
    wallMs,
    latencies: perChat.flatMap((c) => c.latencies).sort((a, b) => a - b),
    failures: perChat.reduce((n, c) => n + c.failures, 0),
    rssMb: process.memoryUsage().rss / 2 ** 20,
    heapMb: process.memoryUsage().heapUsed / 2 ** 20,
  };
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
const perSecond = (p: Phase) => p.answers / (p.wallMs / 1000);

function row(label: string, p: Phase): string[] {
  const l = p.latencies;
  return [label, String(p.answers), (p.wallMs / 1000).toFixed(2), perSecond(p).toFixed(0), percentile(l, 50).toFixed(1),
    percentile(l, 99).toFixed(1), (l.at(-1) ?? NaN).toFixed(1), String(p.failures), p.rssMb.toFixed(0), p.heapMb.toFixed(0)];
}

async function bench(start: () => Promise<Target>): Promise<Phase> {
  const target = await start();
  try {
    const warm = await phase(target, WARMUP, 0);
    table.push(row(`${target.name} warm-up`, warm));
    const measured = await phase(target, ROUNDS, WARMUP);
    table.push(row(target.name, measured));
    return measured;
  } finally {
    await target.stop();
  }
}

const table: string[][] = [["phase", "answers", "wall s", "answers/s", "p50 ms", "p99 ms", "max ms", "failed", "rss MB", "heap MB"]];
console.log(`${CHATS} chats × ${ROUNDS} questions (+${WARMUP} warm-up), pool of ${POOL.length} questions/commands, node ${process.version}`);
const bot = await bench(startRealBot);
const echo = await bench(startEchoBot);

const widths = table[0]!.map((_, i) => Math.max(...table.map((r) => r[i]!.length)));
for (const r of table) console.log(r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join("  "));
console.log(`ratio (bot/echo answers/s): ${(perSecond(bot) / perSecond(echo)).toFixed(2)}  target ≥ 0.7`);
console.log(`bot p99: ${percentile(bot.latencies, 99).toFixed(1)} ms  target < 20 ms`);
process.exit(0);
