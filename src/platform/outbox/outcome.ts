import type { Kysely } from "kysely";
import type { Logger } from "../../logger.js";
import type { Database, OutboxRow } from "../db/schema.js";
import { backoffMs, type DeliveryOutcome, type RetryPolicy } from "./message.js";
import { finish, requeue } from "./outbox.repository.js";
import type { Pacer } from "./pacer.js";

export interface OutcomeDeps {
  db: Kysely<Database>;
  pacer: Pacer;
  logger: Logger;
  retry: RetryPolicy;
  /** A private chat answered 403: the user blocked the bot (or deleted their account). */
  onBlocked?: (chatId: number) => Promise<void>;
}

/**
 * What one answer from Telegram does to its outbox row — the one state machine of delivery, for
 * the bot's sender and for the operators' command alike. `retryHere` false leaves a row that may
 * go through later (network, 5xx) queued as it was, for the bot's sender to retry.
 */
export async function settleRow(
  deps: OutcomeDeps,
  row: Pick<OutboxRow, "id" | "chat_id" | "attempts" | "claimed_by">,
  outcome: DeliveryOutcome,
  now: Date,
  retryHere: boolean,
): Promise<void> {
  const { db, logger, retry } = deps;
  const nowIso = now.toISOString();
  switch (outcome.kind) {
    case "sent":
      return finish(db, row, "sent", nowIso, undefined, outcome.messageId);
    case "blocked":
      await finish(db, row, "blocked", nowIso, outcome.reason);
      // Private chats are users; a group that removed the bot is not anyone's account.
      if (row.chat_id > 0) await deps.onBlocked?.(row.chat_id);
      return;
    case "failed":
      logger.warn({ outbox: row.id, chat: row.chat_id, reason: outcome.reason }, "outbox message failed");
      return finish(db, row, "failed", nowIso, outcome.reason);
    case "rate_limited": {
      // Kept in the database too, so a restart (or another process sending) honours it.
      await deps.pacer.pause(outcome.retryAfterSeconds * 1000);
      logger.warn({ retryAfter: outcome.retryAfterSeconds }, "Telegram asked to slow down (429); every send waits");
      return requeue(db, row, { now: nowIso, error: `429: retry after ${outcome.retryAfterSeconds}s`, countAttempt: false });
    }
    case "retry": {
      if (!retryHere) return requeue(db, row, { now: nowIso, error: outcome.reason, countAttempt: false });
      const attempts = row.attempts + 1;
      if (attempts >= retry.maxAttempts) {
        logger.warn({ outbox: row.id, chat: row.chat_id, attempts, reason: outcome.reason }, "outbox message given up");
        return finish(db, row, "failed", nowIso, `gave up after ${attempts} attempts: ${outcome.reason}`);
      }
      const notBefore = new Date(now.getTime() + backoffMs(attempts, retry)).toISOString();
      return requeue(db, row, { now: nowIso, notBefore, error: outcome.reason, countAttempt: true });
    }
  }
}
