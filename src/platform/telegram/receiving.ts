import type { Bot, Context } from "grammy";
import type { Clock } from "../../clock.js";
import type { Logger } from "../../logger.js";
import type { DB } from "../db/connection.js";
import { isPostgres } from "../db/postgres.js";
import type { Route } from "../http/server.js";
import { startPolling } from "./polling.js";
import { createUpdateInbox, ensureWebhook, removeWebhook, webhookRoute } from "./webhook.js";

/** Updates coming in: the routes that take them (the webhook's), how it may fail, how it stops. */
export interface Receiving {
  routes: Route[];
  /** Settles with the error if receiving has to end (Telegram no longer accepts the token). */
  failure: Promise<unknown>;
  stop(): Promise<void>;
}

/** How often a web instance looks for updates whose receiver died (another instance killed). */
const SWEEP_EVERY_MS = 5_000;

/** What a process that receives no updates (ROLE=worker) has in their place. */
export const idle: Receiving = { routes: [], failure: new Promise<unknown>(() => {}), stop: async () => {} };

/**
 * How updates reach the bot. With WEBHOOK_URL: Telegram POSTs them to `/telegram` (registered with
 * setWebhook only when it changed), stored before they are answered; those a crash left unhandled
 * are handled first. Without: long polling, after removing a webhook left registered.
 */
export async function startReceiving<C extends Context>(
  bot: Bot<C>,
  db: DB,
  config: { webhook?: { url: string; secret: string }; apiTimeoutSeconds: number },
  services: { clock: Clock; logger: Logger },
): Promise<Receiving> {
  const { logger } = services;
  if (config.webhook) {
    const inbox = createUpdateInbox({ db, bot, ...services, shared: isPostgres(db) });
    const resumed = await inbox.resume();
    if (resumed > 0) logger.info({ resumed }, "updates received before a stop handled now");
    if (await ensureWebhook(bot.api, db, config.webhook))
      logger.info({ url: config.webhook.url }, "webhook registered with Telegram");
    // Updates another instance stored and did not live to handle are taken over while running too.
    const sweep = setInterval(() => {
      inbox
        .resume()
        .then((taken) => taken > 0 && logger.warn({ taken }, "updates left by a stopped instance handled here"))
        .catch((error: unknown) => logger.warn({ err: error }, "could not look for updates left by another instance"));
    }, SWEEP_EVERY_MS);
    return {
      routes: [webhookRoute(inbox, config.webhook.secret, logger)],
      failure: new Promise(() => {}),
      stop: () => {
        clearInterval(sweep);
        return inbox.stop();
      },
    };
  }
  if (await removeWebhook(bot.api, db)) logger.info("webhook removed: long polling instead (WEBHOOK_URL is not set)");
  const polling = startPolling(bot, { logger, pollSeconds: Math.min(30, config.apiTimeoutSeconds) });
  return { routes: [], failure: polling.failure, stop: () => polling.stop() };
}
