import { DateTime } from "luxon";
import { loadConfigOrExit } from "../env.js";
import { createLogger } from "../logger.js";
import { createCatalogCache } from "../modules/catalog/catalog.service.js";
import { setUserActive } from "../modules/people/people.service.js";
import { runDueReminders } from "../modules/reminders/reminders.job.js";
import { REMINDER_KEY_PREFIX } from "../modules/reminders/reminders.service.js";
import { listQueuedByPrefix } from "../platform/outbox/by-key.repository.js";
import { sharedPause } from "../platform/outbox/outbox.repository.js";
import { createPacer } from "../platform/outbox/pacer.js";
import { createOutboxSender, inFlightFor } from "../platform/outbox/sender.js";
import { createTelegramTransport } from "../platform/outbox/telegram-transport.js";
import { createBotApiHttp } from "../platform/telegram/http-client.js";
import { createI18n } from "../platform/telegram/i18n.js";
import { exitWithUsage, runWithDatabase } from "./run.js";

// One reminder tick as if it were the moment given, then the reminders due at that moment are sent
// (the rest wait in the outbox for the bot). For operators catching up by hand, and for tests.
const usage = "Usage: npm run reminders -- [--at 2026-11-28T09:00:00+07:00] [--dry-run]";

function parseArgs(args: string[]): { at: Date; dryRun: boolean } | undefined {
  let at = new Date();
  let dryRun = false;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === "--dry-run") dryRun = true;
    else if (args[i] === "--at" && args[i + 1]) {
      // An offset is required: "09:00" alone would mean a different moment on every server.
      const parsed = DateTime.fromISO(args[++i]!, { setZone: true });
      if (!parsed.isValid || !/(Z|[+-]\d{2}:?\d{2})$/.test(args[i]!)) return undefined;
      at = parsed.toJSDate();
    } else return undefined;
  }
  return { at, dryRun };
}

const options = parseArgs(process.argv.slice(2)) ?? exitWithUsage(usage);
const config = loadConfigOrExit();
const logger = createLogger(config.logLevel);
const local = (date: Date) => DateTime.fromJSDate(date, { zone: config.timezone }).toFormat("yyyy-MM-dd HH:mm ZZ");

await runWithDatabase(config.database, async (db) => {
  const deps = { db, config, logger, i18n: createI18n(config.defaultLocale), catalog: createCatalogCache(db) };
  const { at, dryRun } = options;
  const tick = await runDueReminders(deps, at, { dryRun });
  console.log(`${local(at)}: ${tick.chosen.length} reminder(s) due${dryRun ? " (dry run: nothing recorded, nothing sent)" : ""}`);
  for (const c of tick.chosen) {
    const waits = c.notBefore > at ? `, after quiet hours: ${local(c.notBefore)}` : "";
    console.log(`  ${c.kind.padEnd(11)} ${c.fairId}  user ${c.userId} (${c.locale})${waits}`);
  }
  if (dryRun) return;
  if (tick.cancelled > 0) console.log(`${tick.cancelled} stale reminder(s) cancelled`);
  if (!config.botToken)
    return void console.log("BOT_TOKEN is not set: the reminders are queued, and the bot sends them when they are due.");
  const transport = createTelegramTransport(
    createBotApiHttp({ timeoutSeconds: config.apiTimeoutSeconds }).api(config.botToken, config.telegramApiRoot),
  );
  // The bot's own sender, sending only what is due at that moment; the 429 pause is the bot's too.
  const sender = createOutboxSender({
    db,
    transport,
    pacer: createPacer({ rate: config.outboxRate, shared: sharedPause(db) }),
    clock: () => at,
    logger,
    maxInFlight: inFlightFor(config.outboxRate),
    onBlocked: (chatId) => setUserActive(db, chatId, false),
  });
  const report = await sender.drain(REMINDER_KEY_PREFIX, at);
  const later = (await listQueuedByPrefix(db, REMINDER_KEY_PREFIX)).length;
  console.log(
    `sent ${report.sent}, blocked ${report.blocked}, failed ${report.failed}; ${later} queued for later (quiet hours, retries)`,
  );
});
