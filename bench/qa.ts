/**
 * Q&A benchmark: the real bot against a bare grammY echo bot, in one run. It reports; it never
 * asserts the targets. `npm run bench:qa`.
 *
 * Two processes. This one is the bot process: it runs the REAL bot (demo data in SQLite,
 * migrations, startApp: createBot with every middleware, the runner) and a bare echo bot (a grammY
 * Bot with the same runner options, the same allowed_updates and the same per-chat sequentialize,
 * answering every text with the text; grammY's default HTTP client, node-fetch). The real bot
 * makes its Bot API calls with undici, its JSON calls past grammY's client
 * (src/platform/telegram/http-client.ts), which alone saves much of its CPU per answer
 * (bench/README.md); so that the saving is not mistaken for the bot's own work being cheap, a third
 * bot, echo-http, is the same echo on the bot's HTTP client (the same fetch and the same
 * transformer), and its ratio is printed as "like for like" (saturation only). bench/qa-load.ts, forked from here, runs one fake Bot API
 * server for each bot and the simulated chats, so that the fake's HTTP and JSON work does not
 * compete with the bots on the same thread (2 cores: one for each process). Both bots stay up for
 * the whole run; only one gets questions at a time. Errors the real bot logs go to stderr.
 *
 * The chats: QA_CHATS (200) private chats, ids 10001…, language codes vi/zh/en in turn, asking the
 * fixture questions interleaved with /fairs, /deadlines, /gates, /contacts, /start.
 *
 * Two loads, each in QA_RUNS (3) runs with the bots alternating, so that a slow moment of the
 * machine hits both; a row per run, then one for all runs together:
 * - saturation (closed loop): every chat asks its next question as soon as the previous one is
 *   answered, QA_ROUNDS (40) questions per chat and run. answers/s here is the most the bot can
 *   do, and gives the ratio; latency here is queueing (200 questions always in flight), not what
 *   a user waits.
 * - paced (open loop): every chat asks about once a second (gaps of 0.8–1.2 s, whether or not the
 *   last question was answered; Telegram lets a bot send about one message a second per chat),
 *   QA_PACED_SECONDS (30) in all, i.e. about 200 questions a second. Its latency is what a user
 *   waits, less Telegram's own network time.
 * A warm-up of QA_WARMUP (10) questions per chat and bot comes first and is not counted.
 *
 * Columns:
 * - answers/s   answered questions ÷ wall time of the run (paced: about the offered 200/s)
 * - p50/p99/max latency: the question put in the fake's update queue → the bot's sendMessage for
 *               it arriving at the fake (the load process's clock; both HTTP round trips included)
 * - failed      error or "unknown command" replies (echo: a reply that is not the question)
 * - lost        questions with no reply after 10 s (the chat then goes on)
 * - µs CPU/ans  CPU time of this process (user + system, all threads) per answer: the cost of an
 *               answer. It barely moves when other processes compete for the cores, which
 *               answers/s and latency do, so its ratio (echo ÷ bot) is printed too
 * - loop busy   event-loop utilisation of this process: near 100 % means the bot is the bottleneck
 * - load CPU    CPU of the load process in % of one core: near 100 % would mean the load process
 *               limits the figure (then a lower bound; a note says so)
 * The last line gives the load average: other processes on the machine make the wall-clock
 * figures (answers/s, latency) of this run unreliable, the CPU-per-answer figures much less so.
 */
import { type ChildProcess, fork } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { run, sequentialize } from "@grammyjs/runner";
import { Bot } from "grammy";
import pino from "pino";
import { startApp } from "../src/app.js";
import { fixedClock } from "../src/clock.js";
import { createConfig } from "../src/config.js";
import { createCatalogCache, searchIndexOf } from "../src/modules/catalog/catalog.service.js";
import { understand } from "../src/modules/catalog/qa.service.js";
import { type BotApiHttp, createBotApiHttp } from "../src/platform/telegram/http-client.js";
import { demoDatabase, TEST_NOW, TEST_TOKEN } from "../test/helpers/app.js";
import { loadCorpus } from "../test/helpers/qa-corpus.js";
import { type LoadRequest, type LoadResponse, type LoadResult, percentile, type ServerInfo } from "./qa-protocol.js";

const CHATS = Number(process.env.QA_CHATS ?? 200);
const ROUNDS = Number(process.env.QA_ROUNDS ?? 40);
const RUNS = Number(process.env.QA_RUNS ?? 3);
const PACED_SECONDS = Number(process.env.QA_PACED_SECONDS ?? 30);
const WARMUP = Number(process.env.QA_WARMUP ?? 10);
const RUNNER_OPTIONS = { runner: { fetch: { allowed_updates: ["message", "callback_query", "my_chat_member"] as const } } };

type Server = "bot" | "echo" | "echo-http";
type Distributive<T> = T extends unknown ? Omit<T, "id"> : never;

const load: ChildProcess = fork(path.resolve(import.meta.dirname, "qa-load.ts"), [], {
  execArgv: ["--import", "tsx"],
  env: { ...process.env, QA_CHATS: String(CHATS) },
});
const pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
let nextId = 1;
load.on("message", (res: LoadResponse) => {
  const p = pending.get(res.id);
  pending.delete(res.id);
  if (res.ok) p?.resolve(res.result);
  else p?.reject(new Error(`load process: ${res.error}`));
});
load.on("exit", (code) => {
  for (const p of pending.values()) p.reject(new Error(`load process exited (${code})`));
});

function request<T>(req: Distributive<LoadRequest>): Promise<T> {
  const id = nextId++;
  return new Promise<T>((resolve, reject) => {
    pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
    load.send({ ...req, id });
  });
}

async function startRealBot(server: ServerInfo): Promise<() => Promise<void>> {
  const { db, file } = await demoDatabase();
  await db.destroy();
  const config = createConfig({ BOT_TOKEN: TEST_TOKEN, TELEGRAM_API_ROOT: server.apiRoot, DATABASE_URL: file, PORT: "0" });
  const logger = pino({ level: "warn", base: undefined }, pino.destination(2)); // errors show beside the table
  const app = await startApp(
    { ...config, botToken: TEST_TOKEN },
    { clock: fixedClock(TEST_NOW), logger, botInfo: server.botInfo },
  );
  return async () => {
    await app.stop();
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  };
}

/** A bare grammY echo bot; with `http`, on the bot's HTTP client instead of grammY's default. */
async function startEchoBot(server: ServerInfo, http?: BotApiHttp): Promise<() => Promise<void>> {
  const bot = new Bot(TEST_TOKEN, { client: { apiRoot: server.apiRoot, fetch: http?.fetch }, botInfo: server.botInfo });
  if (http) bot.api.config.use(http.transformer(TEST_TOKEN, server.apiRoot));
  bot.use(sequentialize((ctx) => (ctx.chat?.id ?? ctx.from?.id)?.toString()));
  bot.on("message:text", (ctx) => ctx.reply(ctx.message.text));
  const runner = run(bot, RUNNER_OPTIONS);
  return async () => {
    if (runner.isRunning()) await runner.stop();
    await http?.close();
  };
}

interface Phase extends LoadResult {
  botCpuMs: number;
  loopBusy: number;
}

const gc = (globalThis as { gc?: () => void }).gc;

/** µs of CPU the understanding alone takes a question, over the tuning corpus (people's own words), after a warm-up. */
async function understandingCost(): Promise<number> {
  const { db, file } = await demoDatabase();
  const index = searchIndexOf(await createCatalogCache(db).get());
  await db.destroy();
  fs.rmSync(path.dirname(file), { recursive: true, force: true });
  const questions = loadCorpus("tuning").map((item) => item.text);
  const today = TEST_NOW.slice(0, 10); // the offices' date at TEST_NOW
  const pass = () => {
    for (const question of questions) understand(question, index, today);
  };
  for (let i = 0; i < 3; i++) pass();
  gc?.();
  const cpu = process.cpuUsage();
  const PASSES = 10;
  for (let i = 0; i < PASSES; i++) pass();
  const used = process.cpuUsage(cpu);
  return (used.user + used.system) / (PASSES * questions.length);
}

/** One phase on one bot, with this process's CPU and event-loop figures over the same span. */
async function measure(req: Distributive<LoadRequest>): Promise<Phase> {
  gc?.(); // garbage of the previous phase is not charged to this one
  const cpu = process.cpuUsage();
  const elu = performance.eventLoopUtilization();
  const result = await request<LoadResult>(req);
  const used = process.cpuUsage(cpu);
  return { ...result, botCpuMs: (used.user + used.system) / 1000, loopBusy: performance.eventLoopUtilization(elu).utilization };
}

function combine(phases: Phase[]): Phase {
  return {
    answers: phases.reduce((n, p) => n + p.answers, 0),
    wallMs: phases.reduce((n, p) => n + p.wallMs, 0),
    latencies: phases.flatMap((p) => p.latencies).sort((a, b) => a - b),
    failures: phases.reduce((n, p) => n + p.failures, 0),
    lost: phases.reduce((n, p) => n + p.lost, 0),
    cpuMs: phases.reduce((n, p) => n + p.cpuMs, 0),
    botCpuMs: phases.reduce((n, p) => n + p.botCpuMs, 0),
    loopBusy: phases.reduce((n, p) => n + p.loopBusy * p.wallMs, 0) / phases.reduce((n, p) => n + p.wallMs, 0),
  };
}

const perSecond = (p: Phase) => p.answers / (p.wallMs / 1000);
const HEADER = [
  "load",
  "bot",
  "answers",
  "wall s",
  "answers/s",
  "p50 ms",
  "p99 ms",
  "max ms",
  "failed",
  "lost",
  "µs CPU/ans",
  "loop busy",
  "load CPU",
];
const table: string[][] = [HEADER];

function row(label: string, server: Server, p: Phase): void {
  const l = p.latencies;
  table.push([
    label,
    server,
    String(p.answers),
    (p.wallMs / 1000).toFixed(2),
    perSecond(p).toFixed(0),
    percentile(l, 50).toFixed(1),
    percentile(l, 99).toFixed(1),
    (l.at(-1) ?? NaN).toFixed(1),
    String(p.failures),
    String(p.lost),
    ((p.botCpuMs * 1000) / p.answers).toFixed(0),
    `${(p.loopBusy * 100).toFixed(0)} %`,
    `${((p.cpuMs / p.wallMs) * 100).toFixed(0)} %`,
  ]);
}

function printTable(): void {
  const widths = HEADER.map((_, i) => Math.max(...table.map((r) => r[i]!.length)));
  for (const r of table)
    console.log(r.map((cell, i) => (i < 2 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join("  "));
}

const SERVERS: Server[] = ["bot", "echo", "echo-http"];
/** The paced load only compares the bot with the echo the target names. */
const PACED_SERVERS: Server[] = ["bot", "echo"];
const loadAverage = () => os.loadavg()[0]!.toFixed(1);

/** RUNS runs of a load, bot and echo alternating; a row per run and one for all runs together. */
async function alternate(
  label: string,
  servers: Server[],
  req: (server: Server, run: number) => Distributive<LoadRequest>,
): Promise<Record<Server, Phase[]>> {
  const runs: Record<Server, Phase[]> = { bot: [], echo: [], "echo-http": [] };
  for (let r = 0; r < RUNS; r++) {
    for (const server of servers) {
      const phase = await measure(req(server, r));
      runs[server].push(phase);
      row(`${label} ${r + 1}`, server, phase);
    }
  }
  for (const server of servers) row(`${label} all`, server, combine(runs[server]));
  return runs;
}

const stops: Array<() => Promise<void>> = [];
try {
  for (const server of SERVERS) {
    const info = await request<ServerInfo>({ op: "open", server, token: TEST_TOKEN });
    stops.push(
      await (server === "bot" ? startRealBot(info) : startEchoBot(info, server === "echo-http" ? createBotApiHttp() : undefined)),
    );
  }
  const understanding = await understandingCost();
  const loadAtStart = loadAverage();
  console.log(
    `${CHATS} chats; saturation ${RUNS} × ${ROUNDS} questions per chat, paced ${RUNS} × ${(PACED_SECONDS / RUNS).toFixed(0)} s ` +
      `at ~1 question/s per chat; node ${process.version}, ${os.availableParallelism()} CPUs${gc ? "" : " (run with --expose-gc to collect between phases)"}`,
  );

  for (const server of SERVERS) await measure({ op: "closed", server, rounds: WARMUP, offset: 0 });
  const saturation = await alternate("saturation", SERVERS, (server, r) => ({
    op: "closed",
    server,
    rounds: ROUNDS,
    offset: WARMUP + r * ROUNDS,
  }));
  const paced = await alternate("paced", PACED_SERVERS, (server, r) => ({
    op: "paced",
    server,
    seconds: PACED_SECONDS / RUNS,
    offset: r + 1,
  }));
  printTable();

  const sat = { bot: combine(saturation.bot), echo: combine(saturation.echo), echoHttp: combine(saturation["echo-http"]) };
  const cpuPerAnswer = (p: Phase) => (p.botCpuMs * 1000) / p.answers;
  const runRatios = saturation.bot.map((b, i) => (perSecond(b) / perSecond(saturation.echo[i]!)).toFixed(2));
  console.log(
    `saturation: bot ${perSecond(sat.bot).toFixed(0)} answers/s, echo ${perSecond(sat.echo).toFixed(0)} answers/s, ` +
      `ratio ${(perSecond(sat.bot) / perSecond(sat.echo)).toFixed(2)} (runs ${runRatios.join(", ")})  target ≥ 0.7`,
  );
  console.log(
    `            by CPU per answer: bot ${cpuPerAnswer(sat.bot).toFixed(0)} µs, echo ${cpuPerAnswer(sat.echo).toFixed(0)} µs, ` +
      `ratio ${(cpuPerAnswer(sat.echo) / cpuPerAnswer(sat.bot)).toFixed(2)}`,
  );
  console.log(
    `like for like (echo-http: the echo on the bot's HTTP client): echo-http ${perSecond(sat.echoHttp).toFixed(0)} answers/s, ` +
      `ratio ${(perSecond(sat.bot) / perSecond(sat.echoHttp)).toFixed(2)}; by CPU per answer echo-http ${cpuPerAnswer(sat.echoHttp).toFixed(0)} µs, ` +
      `ratio ${(cpuPerAnswer(sat.echoHttp) / cpuPerAnswer(sat.bot)).toFixed(2)}`,
  );
  console.log(
    `the understanding alone: ${understanding.toFixed(0)} µs of CPU a question (the ${loadCorpus("tuning").length} tuning questions), ` +
      `${((understanding / cpuPerAnswer(sat.bot)) * 100).toFixed(0)} % of the bot's CPU per answer`,
  );
  const pc = { bot: combine(paced.bot), echo: combine(paced.echo) };
  const lat = (p: Phase) => `p50 ${percentile(p.latencies, 50).toFixed(1)} ms, p99 ${percentile(p.latencies, 99).toFixed(1)} ms`;
  console.log(
    `paced at ${perSecond(pc.bot).toFixed(0)} questions/s: bot ${lat(pc.bot)}; echo ${lat(pc.echo)}  target bot p99 < 20 ms`,
  );
  const limited = SERVERS.flatMap((server) => saturation[server]).filter((p) => p.cpuMs / p.wallMs > 0.9);
  if (limited.length > 0)
    console.log(
      `note: the load process used > 90 % of a core in ${limited.length} saturation run(s); their answers/s are lower bounds`,
    );
  const unanswered = [sat.bot, sat.echo, pc.bot, pc.echo].reduce((n, p) => n + p.failures + p.lost, 0);
  if (unanswered > 0) console.log(`note: ${unanswered} questions failed or were lost; see the bot's errors above`);
  console.log(
    `load average (1 min): ${loadAtStart} at the start, ${loadAverage()} at the end; above 2 other processes took CPU from this run`,
  );
} finally {
  for (const stop of stops.reverse()) await stop();
  if (load.connected) await request({ op: "shutdown" }).catch(() => undefined);
}
process.exit(0);
