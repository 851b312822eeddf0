import { type RunnerHandle, run } from "@grammyjs/runner";
import { Api, type Bot } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import type { Clock } from "./clock.js";
import type { Config } from "./config.js";
import { createDatabase, type DB, migrateToLatest } from "./platform/db/connection.js";
import type { Logger } from "./logger.js";
import { createBotApiHttp } from "./platform/telegram/http-client.js";
import { setCommands } from "./bot/commands.js";
import type { BotContext } from "./bot/context.js";
import { createI18n } from "./platform/telegram/i18n.js";
import { createBot } from "./bot/create-bot.js";
import { createTelegramTransport } from "./platform/outbox/telegram-transport.js";
import { syncStaffMenus } from "./modules/staff/menus.service.js";
import { progressTexts } from "./modules/broadcasts/broadcast.views.js";
import { syncAdmins } from "./modules/people/users.repository.js";
import { createBroadcastProgress } from "./modules/broadcasts/progress.job.js";
import { createOutboxSender, type OutboxSender } from "./platform/outbox/sender.js";
import { createPacer } from "./platform/outbox/pacer.js";
import { scheduleJobs } from "./platform/jobs/scheduler.js";
import { createCatalogCache } from "./modules/catalog/catalog.service.js";
import { cancelStaleReminders } from "./modules/reminders/reminders.service.js";

export interface App {
  bot: Bot<BotContext>;
  db: DB;
  outbox: OutboxSender;
  stop(): Promise<void>;
}

/**
 * Opens the database, applies migrations, starts the outbox sender and the bot polling with the
 * runner. The process entry point and the end-to-end tests both start the bot through here.
 */
export async function startApp(
  config: Config & { botToken: string },
  services: { clock: Clock; logger: Logger; botInfo?: UserFromGetMe },
): Promise<App> {
  const { logger, clock } = services;
  const db = createDatabase(config.databasePath);
  const http = createBotApiHttp();
  try {
    const applied = await migrateToLatest(db);
    if (applied.length > 0) logger.info({ applied }, "migrations applied");
    await syncAdmins(db, config.adminIds, clock());
    if (config.adminIds.length === 0 && config.staffChatId === undefined) {
      logger.warn("neither ADMIN_IDS nor STAFF_CHAT_ID is set: new registrations will reach no one for review");
    }
    const i18n = createI18n(config.defaultLocale);

    // The outbox talks to Telegram without auto-retry: it answers a 429 by pausing every send.
    // A request that hangs is given up after 30 s and retried, rather than holding the outbox.
    const transport = createTelegramTransport(new Api(config.botToken, { apiRoot: config.telegramApiRoot, timeoutSeconds: 30, fetch: http.fetch }));
    const pacer = createPacer({ rate: config.outboxRate });
    const outbox = createOutboxSender({ db, transport, pacer, clock, logger });
    const progress = createBroadcastProgress({
      db,
      transport,
      pacer,
      clock,
      logger,
      texts: progressTexts(i18n, config.timezone),
      defaultLocale: config.defaultLocale,
      rate: config.outboxRate,
      intervalMs: config.outboxProgressSeconds * 1000,
    });

    const deps = { db, config, clock, logger, i18n, catalog: createCatalogCache(db), outbox };
    const bot = createBot(config.botToken, deps, { botInfo: services.botInfo, fetch: http.fetch });
    await bot.init();
    await setCommands(bot.api, i18n, config.defaultLocale).catch((error: unknown) =>
      logger.warn({ err: error }, "setMyCommands failed; the command menu may be out of date"),
    );
    const menus = syncStaffMenus(bot.api, { db, i18n, defaultLocale: config.defaultLocale }, clock(), (chatId, error) =>
      logger.warn({ err: error, chatId }, "could not set the staff command menu"),
    );
    // Reminders that went stale while the bot was down must not go out before the first tick.
    await cancelStaleReminders(db, clock(), config.timezone).catch((error: unknown) => logger.warn({ err: error }, "stale reminders not checked"));
    await outbox.start();
    progress.start();
    const runner: RunnerHandle = run(bot, { runner: { fetch: { allowed_updates: ["message", "callback_query", "my_chat_member"] } } });
    const stopJobs = scheduleJobs(deps, bot.api);
    logger.info({ username: bot.botInfo.username }, "bot started");
    return {
      bot,
      db,
      outbox,
      async stop() {
        stopJobs();
        if (runner.isRunning()) await runner.stop();
        // The runner stops fetching at once; updates still in hand finish (and save their
        // conversation step) before the database closes, for up to ten seconds.
        for (let waited = 0; runner.size() > 0 && waited < 10_000; waited += 50) await new Promise((r) => setTimeout(r, 50));
        await Promise.all([outbox.stop(), progress.stop(), menus.catch(() => undefined)]);
        await Promise.all([db.destroy(), http.close()]);
      },
    };
  } catch (error) {
    await Promise.all([db.destroy(), http.close()]);
    throw error;
  }
}
