import type { Kysely } from "kysely";
import type { Clock } from "../../clock.js";
import type { Locale } from "../../domain/locale.js";
import type { Logger } from "../../logger.js";
import type { BroadcastRow, Database } from "../../platform/db/schema.js";
import { backgroundLoop } from "../../platform/jobs/background-loop.js";
import type { DeliveryOutcome, Transport } from "../../platform/outbox/message.js";
import { countStates } from "../../platform/outbox/outbox.repository.js";
import { type Pacer, sleep } from "../../platform/outbox/pacer.js";
import { userLocale } from "../people/people.service.js";
import { listUnreported, markDone, markReported, markStarted, setStatusMessage } from "./broadcasts.repository.js";
import { type BroadcastProgress, progressOf } from "./broadcasts.service.js";

/** The texts of the status message (HTML), in the author's language; the bot layer supplies them. */
export interface ProgressTexts {
  /** While queued or sending; `etaSeconds` is undefined before it starts. */
  running(broadcast: BroadcastRow, progress: BroadcastProgress, etaSeconds: number | undefined, locale: Locale): string;
  /** Finished or cancelled: the final figures, and how long it took. */
  final(broadcast: BroadcastRow, progress: BroadcastProgress, locale: Locale): string;
}

export interface BroadcastProgressDeps {
  db: Kysely<Database>;
  transport: Transport;
  pacer: Pacer;
  clock: Clock;
  logger: Logger;
  texts: ProgressTexts;
  defaultLocale: Locale;
  /** Sends per second, for the time left. */
  rate: number;
  intervalMs: number;
}

/**
 * Keeps each broadcast's author informed: one status message, edited every few seconds while the
 * broadcast runs, then a final report. The state lives in the database (status message id,
 * reported_at), so after a restart the same message goes on being edited.
 */
export function createBroadcastProgress(deps: BroadcastProgressDeps) {
  const { db, transport, pacer, clock, logger, texts } = deps;
  const shown = new Map<number, string>();

  const reasonOf = (outcome: DeliveryOutcome): string => ("reason" in outcome ? outcome.reason : "");

  const handle = async (outcome: DeliveryOutcome, what: string) => {
    if (outcome.kind === "rate_limited") await pacer.pause(outcome.retryAfterSeconds * 1000);
    else if (outcome.kind !== "sent" && !/not modified/.test(reasonOf(outcome)))
      logger.warn({ reason: reasonOf(outcome) }, `broadcast ${what} failed`);
  };

  /**
   * A slot for a request to this chat: an overall slot while the chat has had nothing for a
   * second (checked again after the wait, as the sender may have written to it meanwhile).
   * Progress skips a beat rather than wait (`wait` false); the final report waits.
   */
  async function chatSlot(chatId: number, signal: AbortSignal, wait: boolean): Promise<boolean> {
    for (;;) {
      while (pacer.isBusy(chatId)) {
        if (!wait || signal.aborted) return false;
        await sleep(200, signal);
      }
      if (!(await pacer.take(signal))) return false;
      if (!pacer.isBusy(chatId)) {
        pacer.used(chatId);
        return true;
      }
    }
  }

  async function show(broadcast: BroadcastRow, html: string, signal: AbortSignal, wait: boolean): Promise<void> {
    const chatId = broadcast.status_chat_id;
    if (chatId === null || shown.get(broadcast.id) === html) return;
    if (!(await chatSlot(chatId, signal, wait))) return;
    if (broadcast.status_message_id !== null) {
      const outcome = await transport.editText(chatId, broadcast.status_message_id, html);
      await handle(outcome, "status edit");
      if (outcome.kind === "sent" || /not modified/.test(reasonOf(outcome))) shown.set(broadcast.id, html);
      // Unless the author deleted the status message, that is all; if they did, a new one follows.
      if (!/not found/.test(reasonOf(outcome))) return;
      if (!(await chatSlot(chatId, signal, true))) return;
    }
    const outcome = await transport.send(chatId, { type: "text", text: html, html: true });
    await handle(outcome, "status message");
    if (outcome.kind === "sent") {
      await setStatusMessage(db, broadcast.id, outcome.messageId);
      broadcast.status_message_id = outcome.messageId;
      shown.set(broadcast.id, html);
    }
  }

  async function report(broadcast: BroadcastRow, html: string, signal: AbortSignal): Promise<boolean> {
    const chatId = broadcast.status_chat_id;
    if (chatId === null) return true;
    // The status message, if there is one, shows the final figures too.
    if (broadcast.status_message_id !== null) await show(broadcast, html, signal, true);
    if (!(await chatSlot(chatId, signal, true))) return false;
    // A new message, unlike an edit, notifies the author that it is over.
    const outcome = await transport.send(chatId, { type: "text", text: html, html: true });
    await handle(outcome, "final report");
    return outcome.kind !== "rate_limited" && outcome.kind !== "retry";
  }

  const localeOf = (userId: number): Promise<Locale> => userLocale(db, userId, deps.defaultLocale);

  /** One pass over the broadcasts not yet reported; exported for tests through `tick`. */
  async function tick(signal: AbortSignal): Promise<void> {
    let ahead = 0;
    for (const broadcast of await listUnreported(db)) {
      if (signal.aborted) return;
      const now = clock();
      const counts = await countStates(db, broadcast.id);
      const progress = progressOf(broadcast.recipients, counts);
      const due = Date.parse(broadcast.send_at) <= now.getTime();
      if (broadcast.status === "scheduled" && due) {
        await markStarted(db, broadcast.id, now.toISOString());
        broadcast.status = "sending";
      }
      const locale = await localeOf(broadcast.created_by);
      const over =
        broadcast.status === "cancelled" ||
        broadcast.status === "done" ||
        (broadcast.status === "sending" && progress.remaining === 0);
      if (over) {
        if (progress.remaining > 0) continue; // cancelled, with its last message still in flight
        if (broadcast.status === "sending") {
          await markDone(db, broadcast.id, now.toISOString());
          broadcast.status = "done";
          broadcast.finished_at = now.toISOString();
        }
        if (await report(broadcast, texts.final(broadcast, progress, locale), signal)) {
          await markReported(db, broadcast.id, clock().toISOString(), counts);
          shown.delete(broadcast.id);
        }
        continue;
      }
      const eta =
        broadcast.status === "sending" ? (ahead + progress.remaining) / deps.rate + pacer.pausedFor() / 1000 : undefined;
      if (broadcast.status === "sending") ahead += progress.remaining;
      await show(broadcast, texts.running(broadcast, progress, eta, locale), signal, false);
    }
  }

  async function loop(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      try {
        await tick(signal);
      } catch (error) {
        logger.error({ err: error }, "broadcast progress failed");
      }
      await sleep(deps.intervalMs, signal);
    }
  }

  const background = backgroundLoop(loop);
  return {
    tick: () => tick(new AbortController().signal),
    start: () => background.start(),
    stop: () => background.stop(),
  };
}

export type BroadcastProgressJob = ReturnType<typeof createBroadcastProgress>;
