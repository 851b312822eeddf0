import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type App, startApp } from "../app.js";
import type { Clock } from "../clock.js";
import type { Config } from "../config.js";
import { todayIn, VIETNAM_ZONE } from "../domain/dates.js";
import type { Logger } from "../logger.js";
import { importDataset, parseDataset } from "../modules/catalog/dataset-import.service.js";
import { createDatabase } from "../platform/db/connection.js";
import { migrateToLatest } from "../platform/db/migrate.js";
import { appPages } from "./app-pages.js";
import { BotApiServer } from "./bot-api-server.js";
import { chatPage } from "./chat-page.js";
import { demoDatasetFor } from "./demo-dates.js";
import { PERSONAS } from "./personas.js";

const DEMO_DATASET = fileURLToPath(new URL("../data/demo-dataset.json", import.meta.url));
/**
 * Shaped like a BotFather token so the bot takes it; only the local server accepts it. New for
 * each run: a constant one would let any web page that guesses the port call the Bot API paths.
 */
export const sandboxToken = (): string => `1000000001:SANDBOX-${crypto.randomBytes(24).toString("base64url")}`;

/** What the sandbox keeps in memory at most, however long it runs and whatever is uploaded. */
export const SANDBOX_LIMITS = { messagesPerChat: 1000, fileBytes: 100 * 1024 * 1024 };

export interface Sandbox {
  /** The chat page; the Bot API is under the same address at /bot<token>/, the fair pages at /fairs. */
  url: string;
  server: BotApiServer;
  app: App;
  stop(): Promise<void>;
}

/**
 * Creates the sandbox's database with the demo data when the file does not exist yet (moved to the
 * coming years if its fairs are past: demo-dates.ts); later runs keep whatever was changed.
 * Returns whether it was created.
 */
export async function prepareSandboxDatabase(file: string, now: Date): Promise<boolean> {
  if (fs.existsSync(file)) return false;
  const db = createDatabase(file);
  try {
    await migrateToLatest(db);
    const demo = demoDatasetFor(fs.readFileSync(DEMO_DATASET, "utf8"), todayIn(now, VIETNAM_ZONE));
    await importDataset(db, parseDataset(demo), now);
  } catch (error) {
    await db.destroy();
    // A half-made file would count as "not the first run" next time and never get the demo data.
    for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(`${file}${suffix}`, { force: true });
    throw error;
  }
  await db.destroy();
  return true;
}

/**
 * The bot without Telegram: a local Bot API server with the chat page on 127.0.0.1:SANDBOX_PORT,
 * and the real bot (startApp, the runner, HTTP long polling) pointed at it. The staff persona is an
 * administrator for this run; reviews go to admins' private chats, since a staff group is not simulated.
 */
export async function startSandbox(config: Config, services: { clock: Clock; logger: Logger }): Promise<Sandbox> {
  const { logger } = services;
  const token = sandboxToken();
  const server = new BotApiServer({
    token,
    limits: SANDBOX_LIMITS,
    botUsername: "border_trade_sandbox_bot",
    botName: "Border Trade Bot",
    keepCalls: false,
    onUnknownMethod: (method) => logger.warn({ method }, "the sandbox's Bot API server does not implement this method"),
  });
  server.mount(chatPage(server, PERSONAS));
  await server.listen(config.sandboxPort, "127.0.0.1");
  try {
    await prepareSandboxDatabase(config.sandboxDatabasePath, services.clock());
    const staff = PERSONAS.filter((p) => p.staff).map((p) => p.id);
    const app = await startApp(
      {
        ...config,
        botToken: token,
        telegramApiRoot: server.apiRoot,
        database: config.sandboxDatabasePath,
        role: "all",
        databaseVariable: "SANDBOX_DATABASE_URL",
        // Files users send in the sandbox stay beside its own database, never among the live bot's.
        dataDir: path.join(path.dirname(config.sandboxDatabasePath), "sandbox-files"),
        adminIds: [...new Set([...config.adminIds, ...staff])],
        staffChatId: undefined,
        // The sandbox polls its own local Bot API and serves its page on its own port.
        webhook: undefined,
      },
      { ...services, routes: false },
    );
    // The fair pages and feeds, beside the chat page (and behind its Host check).
    server.mount(appPages(app.pages, logger));
    return {
      url: server.apiRoot,
      server,
      app,
      async stop() {
        // The runner's last getUpdates confirms the offset, so the server goes after the bot.
        await app.stop();
        await server.close();
      },
    };
  } catch (error) {
    await server.close();
    throw error;
  }
}
