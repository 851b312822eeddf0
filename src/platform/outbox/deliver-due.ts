import type { Kysely } from "kysely";
import { claim, finish, requeue } from "./outbox.repository.js";
import { listDueByPrefix } from "../../modules/reminders/queued-reminders.repository.js";
import type { Database } from "../db/schema.js";
import { setUserActive } from "../../modules/people/users.repository.js";
import type { Logger } from "../../logger.js";
import type { OutgoingMessage, Transport } from "./message.js";
import { REMINDER_KEY_PREFIX } from "../../modules/reminders/reminders.service.js";
import { type Pacer, sleep } from "./pacer.js";

export interface DeliveryReport {
  sent: number;
  blocked: number;
  failed: number;
  /** Left queued for the bot's outbox sender (429, network, 5xx), or due later. */
  left: number;
}

/**
 * Sends the reminders queued in the outbox and due at `now`, for the operators' command. Each row
 * is claimed as the outbox sender claims it, so a bot running meanwhile never sends it too; what
 * the sender would retry (429, network errors, 5xx) is put back for it rather than retried here.
 * Only reminder rows: `now` may be a moment in the future, and a broadcast must not go out early.
 */
export async function sendDueReminders(deps: { db: Kysely<Database>; transport: Transport; pacer: Pacer; logger: Logger }, now: Date): Promise<DeliveryReport> {
  const { db, transport, pacer, logger } = deps;
  const nowIso = now.toISOString();
  const report: DeliveryReport = { sent: 0, blocked: 0, failed: 0, left: 0 };
  for (const row of await listDueByPrefix(db, REMINDER_KEY_PREFIX, nowIso)) {
    while (pacer.isBusy(row.chat_id)) await sleep(100);
    await pacer.take();
    if (!(await claim(db, row.id, nowIso))) continue;
    pacer.used(row.chat_id);
    const outcome = await transport.send(row.chat_id, JSON.parse(row.payload) as OutgoingMessage);
    switch (outcome.kind) {
      case "sent":
        report.sent++;
        await finish(db, row.id, "sent", nowIso);
        break;
      case "blocked":
        report.blocked++;
        await finish(db, row.id, "blocked", nowIso, outcome.reason);
        await setUserActive(db, row.chat_id, false);
        break;
      case "failed":
        report.failed++;
        logger.warn({ outbox: row.id, chat: row.chat_id, reason: outcome.reason }, "reminder not delivered");
        await finish(db, row.id, "failed", nowIso, outcome.reason);
        break;
      default:
        report.left++;
        await requeue(db, row.id, { now: nowIso, error: outcome.kind === "retry" ? outcome.reason : "429", countAttempt: false });
        if (outcome.kind === "rate_limited") pacer.pause(outcome.retryAfterSeconds * 1000);
    }
  }
  return report;
}
