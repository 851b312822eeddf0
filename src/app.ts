import { type RunnerHandle, run } from "@grammyjs/runner";
import type { Bot } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import type { Clock } from "./clock.js";
import type { Config } from "./config.js";
import { createDatabase, type DB, migrateToLatest } from "./db/index.js";
import type { Logger } from "./logger.js";
import { setCommands } from "./bot/commands.js";
import type { BotContext } from "./bot/context.js";
import { createI18n } from "./bot/i18n.js";
import { createBot } from "./bot/index.js";
import { syncAdmins } from "./db/repositories/users.js";
import { scheduleJobs } from "./jobs/schedule.js";
import { createCatalogCache } from "./services/catalog.js";

export interface App {
  bot: Bot<BotContext>;
  db: DB;
  stop(): Promise<void>;
}

/**
 * Opens the database, applies migrations, and starts the bot polling with the runner. The process
 * entry point and the end-to-end tests both start the bot through here.
 */
export async function startApp(
  config: Config & { botToken: string },
  services: { clock: Clock; logger: Logger; botInfo?: UserFromGetMe },
): Promise<App> {
  const { logger, clock } = services;
  const db = createDatabase(config.databasePath);
  try {
    const applied = await migrateToLatest(db);
    if (applied.length > 0) logger.info({ applied }, "migrations applied");
    await syncAdmins(db, config.adminIds, clock());
    if (config.adminIds.length === 0 && config.staffChatId === undefined) {
      logger.warn("neither ADMIN_IDS nor STAFF_CHAT_ID is set: new registrations will reach no one for review");
    }
    const i18n = createI18n(config.defaultLocale);
    const deps = { db, config, clock, logger, i18n, catalog: createCatalogCache(db) };
    const bot = createBot(config.botToken, deps, { botInfo: services.botInfo });
    await bot.init();
    await setCommands(bot.api, i18n, config.defaultLocale).catch((error: unknown) =>
      logger.warn({ err: error }, "setMyCommands failed; the command menu may be out of date"),
    );
    const runner: RunnerHandle = run(bot, { runner: { fetch: { allowed_updates: ["message", "callback_query", "my_chat_member"] } } });
    const stopJobs = scheduleJobs(deps, bot.api);
    logger.info({ username: bot.botInfo.username }, "bot started");
    return {
      bot,
      db,
      async stop() {
        stopJobs();
        if (runner.isRunning()) await runner.stop();
        await db.destroy();
      },
    };
  } catch (error) {
    await db.destroy();
    throw error;
  }
}
