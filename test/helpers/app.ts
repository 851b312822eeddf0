import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { type App, startApp } from "../../src/app.js";
import { type Clock, fixedClock } from "../../src/clock.js";
import { createConfig } from "../../src/config.js";
import { createLogger, type Logger } from "../../src/logger.js";
import { importDataset, parseDataset } from "../../src/modules/catalog/dataset-import.service.js";
import { createDatabase } from "../../src/platform/db/connection.js";
import { migrateToLatest } from "../../src/platform/db/migrate.js";
import { isPostgresUrl } from "../../src/platform/db/postgres.js";
import { type Dialect, freshPostgresDatabase } from "./databases.js";
import { type FakeBotApi, type FakeUser, startFakeBotApi } from "./fake-bot-api.js";
import { type FaultProxy, startFaultProxy } from "./fault-proxy.js";

/** The moment the demo data is seen from in tests: Monday 23 Nov 2026, 09:00 in Vietnam. */
export const TEST_NOW = "2026-11-23T09:00:00+07:00";

/** A token of the shape BotFather gives, accepted by the config schema and by the fake Bot API. */
export const TEST_TOKEN = "123456789:TEST-token-for-the-fake-bot-api";

export const DEMO_DATASET_PATH = path.resolve(import.meta.dirname, "../../src/data/demo-dataset.json");

export const demoDataset = () => parseDataset(JSON.parse(fs.readFileSync(DEMO_DATASET_PATH, "utf8")));

export function tempDatabasePath(): string {
  return path.join(fs.mkdtempSync(path.join(os.tmpdir(), "border-bot-")), "bot.sqlite");
}

/**
 * The dialect of databases tests make when they do not choose: SQLite, or PostgreSQL with
 * TEST_DIALECT=postgres (to run any suite against PostgreSQL).
 */
export const defaultDialect = (): Dialect => (process.env.TEST_DIALECT === "postgres" ? "postgres" : "sqlite");

/** A new empty database: a file in a temporary folder, or a PostgreSQL database of its own. */
export const freshDatabase = async (dialect = defaultDialect()): Promise<string> =>
  dialect === "postgres" ? freshPostgresDatabase() : tempDatabasePath();

/** Removes what freshDatabase made on disk (PostgreSQL's are dropped at the end of the run). */
export function removeDatabase(location: string): void {
  if (!isPostgresUrl(location)) fs.rmSync(path.dirname(location), { recursive: true, force: true });
}

/** A migrated database (a new one of `dialect`, unless given) with the demo data in it. */
export async function demoDatabase(location?: string, dialect = defaultDialect()) {
  const file = location ?? (await freshDatabase(dialect));
  const db = createDatabase(file);
  await migrateToLatest(db);
  await importDataset(db, demoDataset(), new Date(TEST_NOW));
  return { db, file };
}

export interface TestBot {
  api: FakeBotApi;
  /** The fault-injecting proxy between the bot and the fake Bot API, when asked for (`faults: true`). */
  proxy: FaultProxy | undefined;
  app: App;
  /** The bot's database (a SQLite file or a PostgreSQL URL), for other processes (the operators' commands) to open. */
  file: string;
  /** Sends a text as the user and waits for the bot's first reply to it. */
  ask(user: FakeUser, text: string): Promise<string>;
  /** Presses an inline button and waits for the message it produces. */
  press(user: FakeUser, data: string): Promise<{ text: string; payload: Record<string, unknown> }>;
  /** Stops the bot (the fake API keeps its chats) and starts it again on the same database file. */
  restart(between?: (file: string) => Promise<void>): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A clock that starts at `iso` and runs with real time: for tests where time must pass (retries
 * after a backoff, scheduled sends) yet dates must stay those of the demo data.
 */
export function tickingClock(iso: string): Clock {
  const start = Date.parse(iso);
  const origin = performance.now();
  return () => new Date(start + (performance.now() - origin));
}

/**
 * The real bot (startApp, runner, HTTP) against a fake Bot API, on a demo database, at TEST_NOW
 * (fixed unless `clock` is given). With `faults`, its calls go through a fault-injecting proxy.
 */
export async function startTestBot(
  env: Record<string, string> = {},
  options: { clock?: Clock; faults?: boolean; logger?: Logger; dialect?: Dialect } = {},
): Promise<TestBot> {
  const api = await startFakeBotApi({ token: TEST_TOKEN });
  const proxy = options.faults ? await startFaultProxy(api.apiRoot) : undefined;
  const { db, file } = await demoDatabase(undefined, options.dialect);
  await db.destroy();
  const apiRoot = proxy?.apiRoot ?? api.apiRoot;
  // PORT 0: every test bot's HTTP server (health checks, webhook) on a free port of its own.
  const config = createConfig({ BOT_TOKEN: api.token, TELEGRAM_API_ROOT: apiRoot, DATABASE_URL: file, PORT: "0", ...env });
  const start = () =>
    startApp(
      { ...config, botToken: api.token },
      { clock: options.clock ?? fixedClock(TEST_NOW), logger: options.logger ?? createLogger("silent"), botInfo: api.botInfo },
    );
  let app = await start();
  const replyText = (payload: Record<string, unknown>) => String(payload.text ?? payload.caption ?? "");
  const ask = async (user: FakeUser, text: string): Promise<string> => {
    const since = api.calls.length;
    api.sendText(user, text);
    return replyText((await api.nextReply(user.id, { since })).payload);
  };
  return {
    api,
    proxy,
    file,
    get app() {
      return app;
    },
    ask,
    async restart(between) {
      await app.stop();
      await between?.(file);
      app = await start();
    },
    async press(user, data) {
      // A button belongs to a message: give a fresh chat one to press on.
      if (api.messagesTo(user.id).length === 0) await ask(user, "/start");
      const since = api.calls.length;
      api.pressButton(user, data);
      const reply = await api.nextReply(user.id, { since });
      return { text: replyText(reply.payload), payload: reply.payload };
    },
    async stop() {
      await app.stop();
      await proxy?.close();
      await api.close();
      removeDatabase(file);
    },
  };
}

/** Callback data of every inline button in a sent message's payload. */
export function buttonsOf(payload: Record<string, unknown>): Array<{ text: string; data: string }> {
  const markup = payload.reply_markup as { inline_keyboard?: Array<Array<{ text: string; callback_data?: string }>> } | undefined;
  return (markup?.inline_keyboard ?? []).flat().map((b) => ({ text: b.text, data: b.callback_data ?? "" }));
}
