/**
 * Middleware benchmark: the bot's own cost of handling an update, without HTTP, against a bare
 * grammY echo bot under the same harness, in one run. It reports; it never asserts.
 * `npm run bench:middleware`.
 *
 * Both bots get the same updates through `bot.handleUpdate`, with every Bot API call answered in
 * memory: after MB_DELAY_MS (1 ms) — as a network would, so that handlers wait while other
 * updates are in flight — or at once with MB_DELAY_MS=0. The updates are the bench:qa mix
 * (fixture questions interleaved with /fairs, /deadlines, /gates, /contacts, /start) from 200
 * private chats, MB_UPDATES (20,000) per bot and load after a warm-up of 3,000, in two loads:
 * - sequential: one update at a time;
 * - in flight: MB_IN_FLIGHT (200) updates at once, one per chat, as the runner would have them.
 * µs CPU per update is this process's user + system time ÷ updates; the ratio is echo ÷ bot.
 */
import fs from "node:fs";
import path from "node:path";
import { Bot } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import { menusOf } from "../src/bot/commands.js";
import type { BotDeps } from "../src/bot/context.js";
import { createBot } from "../src/bot/create-bot.js";
import { fixedClock } from "../src/clock.js";
import { createConfig } from "../src/config.js";
import { createLogger } from "../src/logger.js";
import { createCatalogCache } from "../src/modules/catalog/catalog.service.js";
import { MODULES } from "../src/modules/index.js";
import { createI18n } from "../src/platform/telegram/i18n.js";
import { oneChatAtATime } from "../src/platform/telegram/polling.js";
import { demoDatabase, TEST_NOW, TEST_TOKEN } from "../test/helpers/app.js";

const UPDATES = Number(process.env.MB_UPDATES ?? 20_000);
const IN_FLIGHT = Number(process.env.MB_IN_FLIGHT ?? 200);
const DELAY_MS = Number(process.env.MB_DELAY_MS ?? 1);
const WARMUP = 3000;

const botInfo = { id: 1, is_bot: true, first_name: "Bench", username: "bench_bot" } as UserFromGetMe;
const fixture = JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, "../test/fixtures/questions.json"), "utf8")) as {
  questions: Array<{ text: string }>;
};
const COMMANDS = ["/fairs", "/deadlines", "/gates", "/contacts", "/start"];
const POOL = fixture.questions.flatMap((q, i) => (i % 2 === 0 ? [q.text, COMMANDS[(i / 2) % COMMANDS.length]!] : [q.text]));

let updateId = 0;
function update(i: number) {
  const text = POOL[i % POOL.length]!;
  const chat = 10_001 + (i % 200);
  const command = /^\/\w+/.exec(text);
  const entities = command ? [{ type: "bot_command" as const, offset: 0, length: command[0].length }] : undefined;
  const from = { id: chat, is_bot: false, first_name: "Lan", language_code: ["vi", "zh", "en"][chat % 3] };
  return {
    update_id: ++updateId,
    message: {
      message_id: updateId,
      date: 0,
      chat: { id: chat, type: "private" as const, first_name: "Lan" },
      from,
      text,
      entities,
    },
  };
}

/** Every Bot API call answered in memory, after the delay. */
function answerInMemory(bot: Bot<never>) {
  bot.api.config.use(async (_prev, method, payload) => {
    if (DELAY_MS > 0) await new Promise((resolve) => setTimeout(resolve, DELAY_MS));
    const chat = { id: (payload as { chat_id?: number }).chat_id ?? 0, type: "private" };
    return { ok: true, result: method.startsWith("send") ? { message_id: 1, date: 0, chat, text: "" } : true } as never;
  });
}

async function measure(bot: Bot<never>, inFlight: number): Promise<number> {
  const run = async (from: number, count: number) => {
    for (let i = from; i < from + count; i += inFlight) {
      await Promise.all(Array.from({ length: Math.min(inFlight, from + count - i) }, (_, j) => bot.handleUpdate(update(i + j))));
    }
  };
  await run(0, WARMUP);
  global.gc?.();
  const before = process.cpuUsage();
  await run(WARMUP, UPDATES);
  const used = process.cpuUsage(before);
  return (used.user + used.system) / UPDATES;
}

const { db } = await demoDatabase();
const config = createConfig({ BOT_TOKEN: TEST_TOKEN });
const deps: BotDeps = {
  db,
  config,
  clock: fixedClock(TEST_NOW),
  logger: createLogger("silent"),
  i18n: createI18n(config.defaultLocale),
  catalog: createCatalogCache(db),
  menus: menusOf(MODULES),
};
const real = createBot(TEST_TOKEN, deps, MODULES, { botInfo }) as unknown as Bot<never>;
const echo = new Bot(TEST_TOKEN, { botInfo });
echo.use(oneChatAtATime());
echo.on("message:text", (ctx) => ctx.reply(ctx.message.text));
answerInMemory(real);
answerInMemory(echo as unknown as Bot<never>);

console.log(`${UPDATES} updates per bot and load, Bot API answered in memory after ${DELAY_MS} ms, node ${process.version}`);
console.log("load                 bot    µs CPU/update   ratio (echo ÷ bot)");
for (const [load, inFlight] of [
  ["sequential", 1],
  [`in flight (${IN_FLIGHT})`, IN_FLIGHT],
] as const) {
  const bot = await measure(real, inFlight);
  const bare = await measure(echo as unknown as Bot<never>, inFlight);
  console.log(`${load.padEnd(20)} bot    ${bot.toFixed(1).padStart(13)}`);
  console.log(`${"".padEnd(20)} echo   ${bare.toFixed(1).padStart(13)}   ${(bare / bot).toFixed(2)}`);
}
await db.destroy();
process.exit(0);
