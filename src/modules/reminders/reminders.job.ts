import type { Kysely } from "kysely";
import type { Job } from "../../bot/module.js";
import type { Config } from "../../config.js";
import type { Catalog, CatalogSource } from "../../domain/catalog.js";
import type { Logger } from "../../logger.js";
import type { Database } from "../../platform/db/schema.js";
import type { OutgoingMessage } from "../../platform/outbox/message.js";
import { queueMessages } from "../../platform/outbox/queue.js";
import type { I18n } from "../../platform/telegram/i18n.js";
import { loadCatalog } from "../catalog/catalog.service.js";
import { type ReminderView, reminderMessage } from "./reminder.views.js";
import { type ChosenReminder, cancelStaleReminders, reminderKey, takeDueReminders } from "./reminders.service.js";
import { keepMostUrgent } from "./supersede.js";

/** What a reminder tick needs: the bot's deps, or the same built by the operators' command. */
export interface ReminderDeps {
  db: Kysely<Database>;
  config: Pick<Config, "timezone" | "defaultLocale">;
  i18n: I18n;
  catalog: CatalogSource;
  logger: Logger;
  /** Told when reminders were queued, so it sends them without waiting for its next look. */
  outbox?: { wake(): void };
}

export interface ReminderTick {
  /** Every reminder chosen at this tick to go out (on a dry run: what would have been). */
  chosen: ChosenReminder[];
  /** Outbox rows added. */
  queued: number;
  /** Queued reminders cancelled: stale, or outranked by a more urgent one about the same fair. */
  cancelled: number;
}

/** Renders each distinct (fair, kind, language, moment) once: thousands of reminders share a few texts. */
function renderer(i18n: I18n, catalog: Catalog, timezone: string) {
  const views = new Map<string, ReminderView>();
  const texts = new Map<string, OutgoingMessage>();
  return (c: ChosenReminder): OutgoingMessage => {
    const key = `${c.fairId}|${c.kind}|${c.locale}|${c.notBefore.getTime()}`;
    let message = texts.get(key);
    if (!message) {
      let view = views.get(c.locale);
      if (!view) views.set(c.locale, (view = { t: i18n.translator(c.locale), locale: c.locale, timezone }));
      message = reminderMessage(view, catalog.fairs.get(c.fairId)!, c.kind, c.notBefore);
      texts.set(key, message);
    }
    return message;
  };
}

/**
 * One reminder tick at `now`: cancels queued reminders gone stale, then chooses what is due, records
 * it and queues each message in the outbox, in the user's language, not before the end of their
 * quiet hours — the records and the outbox rows in one transaction. Of several about the same fair
 * for the same user (chosen now, or still held), only the most urgent is queued or kept. Sending
 * is the outbox's job.
 */
export async function runDueReminders(deps: ReminderDeps, now: Date, options: { dryRun?: boolean } = {}): Promise<ReminderTick> {
  const { db, config, i18n } = deps;
  const cancelled = options.dryRun ? 0 : await cancelStaleReminders(db, now, config.timezone);
  let catalog = await deps.catalog.get();
  let queued = 0;
  let outranked = 0;
  let toSend: ChosenReminder[] = [];
  await takeDueReminders(
    db,
    now,
    { officeZone: config.timezone, defaultLocale: config.defaultLocale },
    async (trx, chosen) => {
      const kept = await keepMostUrgent(trx, chosen, config.timezone, now);
      const batch = kept.toQueue;
      toSend = batch;
      outranked = kept.cancelled;
      // A fair imported a moment ago may not be in the cached catalog yet; the transaction sees it.
      if (batch.some((c) => !catalog.fairs.has(c.fairId))) catalog = await loadCatalog(trx);
      const render = renderer(i18n, catalog, config.timezone);
      const messages = batch.map((c) => ({
        chatId: c.userId,
        dedupeKey: reminderKey(c),
        message: render(c),
        notBefore: c.notBefore,
      }));
      queued = await queueMessages(trx, messages, now);
    },
    options,
  );
  if (options.dryRun) queued = outranked = 0;
  if (queued > 0) deps.outbox?.wake();
  return { chosen: toSend, queued, cancelled: cancelled + outranked };
}

/** The reminder tick, at REMINDER_CRON (every minute by default). */
export const remindersJob: Job = {
  name: "reminders",
  schedule: (config) => config.reminderCron,
  async run(deps, now) {
    const { queued, cancelled } = await runDueReminders(deps, now);
    return { queued, cancelled };
  },
};
