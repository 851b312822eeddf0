import { listDueByPrefix } from "./by-key.repository.js";
import type { OutgoingMessage, Transport } from "./message.js";
import { DEFAULT_RETRY } from "./message.js";
import { claim } from "./outbox.repository.js";
import { type OutcomeDeps, settleRow } from "./outcome.js";
import { sleep } from "./pacer.js";

export interface DeliveryReport {
  sent: number;
  blocked: number;
  failed: number;
  /** Left queued for the bot's outbox sender (429, network, 5xx), or due later. */
  left: number;
}

/**
 * Sends the rows queued in the outbox whose dedupe key starts with `prefix` and that are due at
 * `now`, for the operators' command. Each row is claimed as the outbox sender claims it, so a bot
 * running meanwhile never sends it too; what the sender would retry (429, network errors, 5xx) is
 * put back for it rather than retried here. Only rows of that prefix: `now` may be a moment in the
 * future, and a broadcast must not go out early.
 */
export async function sendDueByPrefix(
  deps: Omit<OutcomeDeps, "retry"> & { transport: Transport },
  prefix: string,
  now: Date,
): Promise<DeliveryReport> {
  const { db, transport, pacer } = deps;
  const report: DeliveryReport = { sent: 0, blocked: 0, failed: 0, left: 0 };
  for (const row of await listDueByPrefix(db, prefix, now.toISOString())) {
    while (pacer.isBusy(row.chat_id)) await sleep(100);
    await pacer.take();
    const claimed = await claim(db, row.id, now.toISOString());
    if (!claimed) continue;
    pacer.used(row.chat_id);
    const outcome = await transport.send(row.chat_id, JSON.parse(claimed.payload) as OutgoingMessage);
    await settleRow({ ...deps, retry: DEFAULT_RETRY }, { ...row, attempts: 0 }, outcome, now, false);
    if (outcome.kind === "sent" || outcome.kind === "blocked" || outcome.kind === "failed") report[outcome.kind]++;
    else report.left++;
  }
  return report;
}
