import { Api, type Bot } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import { menusOf, setCommands } from "./bot/commands.js";
import type { BotContext, BotDeps } from "./bot/context.js";
import { createBot } from "./bot/create-bot.js";
import { dailyPurgeJob } from "./bot/maintenance.js";
import type { BotModule } from "./bot/module.js";
import type { Clock } from "./clock.js";
import type { Config } from "./config.js";
import type { Logger } from "./logger.js";
import { progressTexts } from "./modules/broadcasts/broadcast.views.js";
import { BROADCAST_KIND, broadcastReader } from "./modules/broadcasts/broadcasts.service.js";
import { createBroadcastProgress } from "./modules/broadcasts/progress.js";
import { createCatalogCache } from "./modules/catalog/catalog.service.js";
import { MODULES } from "./modules/index.js";
import { setUserActive, syncAdmins } from "./modules/people/people.service.js";
import { runDueReminders } from "./modules/reminders/reminders.job.js";
import { syncStaffMenus } from "./modules/staff/menus.service.js";
import { createDatabase, type DB } from "./platform/db/connection.js";
import { migrateToLatest } from "./platform/db/migrate.js";
import { scheduleTasks } from "./platform/jobs/scheduler.js";
import { sharedPause } from "./platform/outbox/outbox.repository.js";
import { createPacer } from "./platform/outbox/pacer.js";
import { createOutboxSender, inFlightFor, type OutboxSender } from "./platform/outbox/sender.js";
import { createTelegramTransport } from "./platform/outbox/telegram-transport.js";
import { createBotApiHttp } from "./platform/telegram/http-client.js";
import { createI18n } from "./platform/telegram/i18n.js";
import { startPolling } from "./platform/telegram/polling.js";

export interface App {
  bot: Bot<BotContext>;
  db: DB;
  outbox: OutboxSender;
  stop(): Promise<void>;
}

/** The scheduler's tasks: every module's jobs and the nightly purge, each run with the deps. */
function tasksOf(modules: readonly BotModule[], deps: BotDeps) {
  return [...modules.flatMap((m) => m.jobs ?? []), dailyPurgeJob].map((job) => ({
    name: job.name,
    cron: typeof job.schedule === "string" ? job.schedule : job.schedule(deps.config),
    run: (now: Date) => job.run(deps, now),
  }));
}

/**
 * The composition root: opens the database, applies migrations, builds the deps and the bot from
 * the module list, starts the outbox sender, the broadcast progress, the scheduler and polling.
 * The process entry point and the end-to-end tests both start the bot through here.
 */
export async function startApp(
  config: Config & { botToken: string },
  services: { clock: Clock; logger: Logger; botInfo?: UserFromGetMe },
  modules: readonly BotModule[] = MODULES,
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
    const transport = createTelegramTransport(
      new Api(config.botToken, { apiRoot: config.telegramApiRoot, timeoutSeconds: 30, fetch: http.fetch }),
    );
    const pacer = createPacer({ rate: config.outboxRate, shared: sharedPause(db) });
    const outbox = createOutboxSender({
      db,
      transport,
      pacer,
      maxInFlight: inFlightFor(config.outboxRate),
      clock,
      logger,
      readers: { [BROADCAST_KIND]: broadcastReader(db) },
      onBlocked: (chatId) => setUserActive(db, chatId, false),
    });
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

    const deps: BotDeps = { db, config, clock, logger, i18n, catalog: createCatalogCache(db), menus: menusOf(modules), outbox };
    const bot = createBot(config.botToken, deps, modules, { botInfo: services.botInfo, fetch: http.fetch });
    await bot.init();
    await setCommands(bot.api, i18n, deps.menus, config.defaultLocale).catch((error: unknown) =>
      logger.warn({ err: error }, "setMyCommands failed; the command menu may be out of date"),
    );
    const menus = syncStaffMenus(bot.api, deps, clock(), (chatId, error) =>
      logger.warn({ err: error, chatId }, "could not set the staff command menu"),
    );
    // A reminder tick before the outbox starts: reminders that went stale while the bot was down,
    // or that a more urgent one about the same fair (due meanwhile) outranks, must not go out.
    await runDueReminders(deps, clock()).catch((error: unknown) => logger.warn({ err: error }, "reminders not checked at start"));
    await outbox.start();
    progress.start();
    const polling = startPolling(bot);
    const stopJobs = scheduleTasks(tasksOf(modules, deps), { timezone: config.timezone, clock, logger });
    logger.info({ username: bot.botInfo.username }, "bot started");
    return {
      bot,
      db,
      outbox,
      async stop() {
        stopJobs();
        // Updates still in hand finish (and save their conversation step) before the database closes.
        await polling.stop();
        await Promise.all([outbox.stop(), progress.stop(), menus.catch(() => undefined)]);
        await Promise.all([db.destroy(), http.close()]);
      },
    };
  } catch (error) {
    await Promise.all([db.destroy(), http.close()]);
    throw error;
  }
}
