import type { Bot } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import { announceCommands, announceStaffMenus } from "./announce-menus.js";
import { menusOf } from "./bot/commands.js";
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
import { openCheckedDatabase } from "./platform/db/check.js";
import type { DB } from "./platform/db/connection.js";
import { healthRoutes } from "./platform/http/health.js";
import { type HttpServer, type Route, startHttpServer } from "./platform/http/server.js";
import { claimTick } from "./platform/jobs/fleet.js";
import { createLeadership } from "./platform/jobs/leadership.js";
import { scheduleTasks } from "./platform/jobs/scheduler.js";
import { sharedPause } from "./platform/outbox/outbox.repository.js";
import { createPacer } from "./platform/outbox/pacer.js";
import { createOutboxSender, inFlightFor, type OutboxSender } from "./platform/outbox/sender.js";
import { createTelegramTransport } from "./platform/outbox/telegram-transport.js";
import { createBotApiHttp } from "./platform/telegram/http-client.js";
import { createI18n } from "./platform/telegram/i18n.js";
import { reachBotApi } from "./platform/telegram/reach-api.js";
import { idle, startReceiving } from "./platform/telegram/receiving.js";

export interface App {
  bot: Bot<BotContext>;
  db: DB;
  outbox: OutboxSender;
  /** The bot's HTTP server (webhook, health checks, public pages), when it runs one. */
  http?: HttpServer;
  /** The modules' public pages, served on `http`, or by the caller where it runs no server (the sandbox). */
  pages: Route[];
  /** Settles with the error if polling has to end (Telegram no longer accepts the token). */
  failure: Promise<unknown>;
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
 * the module list, starts the outbox sender, the broadcast progress, the scheduler and the
 * receiving of updates (webhook or polling). The process entry point and the end-to-end tests
 * both start the bot through here.
 */
export async function startApp(
  config: Config & { botToken: string },
  services: {
    clock: Clock;
    logger: Logger;
    botInfo?: UserFromGetMe;
    /** Routes the caller adds to the bot's HTTP server; `false` runs none (the sandbox serves its own). */
    routes?: Route[] | false;
  },
  modules: readonly BotModule[] = MODULES,
): Promise<App> {
  const { logger, clock } = services;
  const { db, applied } = await openCheckedDatabase(config.database, config.databaseVariable);
  const http = createBotApiHttp({ timeoutSeconds: config.apiTimeoutSeconds });
  let server: HttpServer | undefined;
  try {
    if (applied.length > 0) logger.info({ applied }, "migrations applied");
    await syncAdmins(db, config.adminIds, clock());
    if (config.adminIds.length === 0 && config.staffChatId === undefined) {
      logger.warn("neither ADMIN_IDS nor STAFF_CHAT_ID is set: new registrations will reach no one for review");
    }
    const i18n = createI18n(config.defaultLocale);

    // The outbox talks to Telegram without auto-retry: it answers a 429 by pausing every send.
    // A request that hangs is given up after BOT_API_TIMEOUT_SECONDS and retried, rather than holding the outbox.
    const transport = createTelegramTransport(http.api(config.botToken, config.telegramApiRoot));
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

    // The HTTP server first, so /readyz answers (not ready) while the Bot API cannot be reached.
    let reachable = services.botInfo !== undefined;
    const routes: Route[] = [...healthRoutes({ db, botApiReachable: () => reachable })];
    server =
      services.routes === false
        ? undefined
        : await startHttpServer({
            ...config.http,
            routes,
            onError: (error) => logger.error({ err: error }, "HTTP request failed"),
          });
    // A botInfo given (tests) means getMe is not needed; otherwise it is the first call, and waited for.
    const botInfo = services.botInfo ?? (await reachBotApi({ token: config.botToken, apiRoot: config.telegramApiRoot, logger }));
    reachable = true;

    const deps: BotDeps = { db, config, clock, logger, i18n, catalog: createCatalogCache(db), menus: menusOf(modules), outbox };
    const bot = createBot(config.botToken, deps, modules, { botInfo, http });
    await bot.init();
    const answers = config.role !== "worker"; // receives updates, serves the pages
    const works = config.role !== "web"; // sends the outbox, runs the jobs
    if (answers) await announceCommands(bot.api, bot.botInfo.id, deps);
    const menus = answers
      ? announceStaffMenus(bot.api, bot.botInfo.id, deps, clock()).catch((error: unknown) =>
          logger.warn({ err: error }, "the staff command menus are not all set; the next start tries again"),
        )
      : Promise.resolve();
    // The fleet's one sender (one Telegram rate budget): the outbox and the broadcasts' progress.
    const sending = createLeadership({
      db,
      name: "outbox",
      logger,
      lead: {
        start: async () => {
          await outbox.start();
          progress.start();
        },
        stop: async () => {
          await Promise.all([outbox.stop(), progress.stop()]);
        },
      },
    });
    if (works) {
      // A reminder tick before the outbox starts: reminders that went stale while the bot was down,
      // or that a more urgent one about the same fair (due meanwhile) outranks, must not go out.
      await runDueReminders(deps, clock()).catch((error: unknown) =>
        logger.warn({ err: error }, "reminders not checked at start"),
      );
      await sending.start();
    }
    const receiving = answers ? await startReceiving(bot, db, config, { clock, logger }) : idle;
    const pages = answers ? modules.flatMap((m) => m.routes?.(deps, { username: bot.botInfo.username }) ?? []) : [];
    // The server reads its routes on each request: these answer from now on.
    routes.push(...receiving.routes, ...pages, ...(services.routes || []));
    const stopJobs = works
      ? scheduleTasks(tasksOf(modules, deps), {
          timezone: config.timezone,
          clock,
          logger,
          claim: (task, slot) => claimTick(db, task, slot),
        })
      : () => undefined;
    logger.info(
      { username: bot.botInfo.username, role: config.role, webhook: config.webhook?.url, http: server?.url },
      "bot started",
    );
    const running = server;
    return {
      bot,
      db,
      outbox,
      http: running,
      pages,
      failure: receiving.failure,
      async stop() {
        stopJobs();
        // Updates still in hand finish (and save their conversation step) before the database closes.
        await Promise.all([receiving.stop(), running?.close()]);
        await Promise.all([sending.stop(), menus.catch(() => undefined)]);
        await Promise.all([db.destroy(), http.close()]);
      },
    };
  } catch (error) {
    await server?.close();
    await Promise.all([db.destroy(), http.close()]);
    throw error;
  }
}
