import cron from "node-cron";
import type { Api } from "grammy";
import type { BotDeps } from "../../bot/context.js";
import { deleteConversationsBefore } from "../../bot/conversation-store.js";
import { purgeFinishedBefore } from "../outbox/outbox.repository.js";
import { runOfferExpiry } from "../../modules/registrations/offers.job.js";
import { runDueReminders } from "../../modules/reminders/reminders.job.js";

/** A form left untouched this long is abandoned: its state is deleted. */
const ABANDONED_AFTER_DAYS = 30;
/** Finished outbox rows are kept this long (the delivery detail of a broadcast or a reminder), then purged. */
export const OUTBOX_KEPT_DAYS = 90;
const DAY_MS = 86_400_000;

/** Registers the periodic jobs with node-cron; each job takes `now` from the deps' clock. Returns a stop function. */
export function scheduleJobs(deps: BotDeps, api: Api): () => void {
  const tasks = [
    cron.schedule(
      "* * * * *",
      async () => {
        try {
          const expired = await runOfferExpiry(deps, api, deps.clock());
          if (expired > 0) deps.logger.info({ expired }, "waitlist offers expired");
        } catch (error) {
          deps.logger.error({ err: error }, "offer expiry failed");
        }
      },
      { timezone: deps.config.timezone, noOverlap: true, name: "offer-expiry" },
    ),
    cron.schedule(
      "17 3 * * *",
      async () => {
        try {
          const now = deps.clock().getTime();
          const purged = await deleteConversationsBefore(deps.db, new Date(now - ABANDONED_AFTER_DAYS * DAY_MS));
          if (purged > 0) deps.logger.info({ purged }, "abandoned conversations deleted");
          const finished = await purgeFinishedBefore(deps.db, new Date(now - OUTBOX_KEPT_DAYS * DAY_MS).toISOString());
          if (finished > 0) deps.logger.info({ finished }, "old outbox rows deleted");
        } catch (error) {
          deps.logger.error({ err: error }, "daily purge failed");
        }
      },
      { timezone: deps.config.timezone, noOverlap: true, name: "daily-purge" },
    ),
    cron.schedule(
      deps.config.reminderCron,
      async () => {
        try {
          const { queued, cancelled } = await runDueReminders(deps, deps.clock());
          if (queued > 0 || cancelled > 0) deps.logger.info({ queued, cancelled }, "reminders queued");
        } catch (error) {
          deps.logger.error({ err: error }, "reminder tick failed");
        }
      },
      { timezone: deps.config.timezone, noOverlap: true, name: "reminders" },
    ),
  ];
  return () => {
    for (const task of tasks) void task.stop();
  };
}
