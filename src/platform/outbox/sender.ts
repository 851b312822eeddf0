import type { Kysely } from "kysely";
import type { Clock } from "../../clock.js";
import type { Logger } from "../../logger.js";
import type { Database, OutboxRow } from "../db/schema.js";
import { whenNotBusy } from "../db/transaction.js";
import { backgroundLoop } from "../jobs/background-loop.js";
import { EDIT_KIND, type EditPayload, findByKey, hasNewerEdit } from "./edits.js";
import {
  backoffMs,
  DEFAULT_RETRY,
  type DeliveryOutcome,
  type OutgoingMessage,
  type RetryPolicy,
  type Transport,
} from "./message.js";
import { claim, loadPause, nextDue, requeue, requeueInFlight } from "./outbox.repository.js";
import { settleRow } from "./outcome.js";
import { type Pacer, sleep } from "./pacer.js";
import { MESSAGE_KIND } from "./queue.js";

/** A network failure also holds the whole sender (the network is likely down for every chat), up to this. */
const MAX_GLOBAL_BACKOFF_MS = 30_000;
/** An edit of a message still on its way waits this long before looking again. */
const EDIT_WAIT_MS = 2000;

export interface OutboxSenderDeps {
  db: Kysely<Database>;
  transport: Transport;
  pacer: Pacer;
  clock: Clock;
  logger: Logger;
  retry?: RetryPolicy;
  /** How often to look for due rows when the outbox is idle (rows queued elsewhere, scheduled ones). */
  idleMs?: number;
  /** The message of rows of other kinds than "message" (a broadcast's row names its version). */
  readers?: Record<string, (row: OutboxRow) => Promise<OutgoingMessage | undefined>>;
  /** A private chat answered 403. */
  onBlocked?: (chatId: number) => Promise<void>;
}

export interface OutboxSender {
  /** Re-queues rows a crash left in flight, honours a pause left by a 429, and starts draining. */
  start(): Promise<void>;
  /** Lets the request in flight finish and be recorded, then stops. */
  stop(): Promise<void>;
  /** Something was queued: look now rather than at the next idle check. */
  wake(): void;
}

/**
 * The one sender that drains the outbox, one request at a time: a row is marked 'sending' before
 * its request and 'sent' after, so a crash can repeat at most the one message in flight.
 */
export function createOutboxSender(deps: OutboxSenderDeps): OutboxSender {
  const { db, transport, pacer, clock, logger } = deps;
  const retry = deps.retry ?? DEFAULT_RETRY;
  const idleMs = deps.idleMs ?? 1000;
  let wakeUp: AbortController | undefined;
  let networkFailures = 0;

  async function messageFor(row: OutboxRow): Promise<OutgoingMessage | undefined> {
    if (row.kind === MESSAGE_KIND) return JSON.parse(row.payload) as OutgoingMessage;
    return deps.readers?.[row.kind]?.(row);
  }

  async function record(row: OutboxRow, outcome: DeliveryOutcome): Promise<void> {
    if (outcome.kind === "retry") {
      // A network failure also holds the whole sender: the network is likely down for every chat.
      networkFailures += 1;
      pacer.pause(Math.min(MAX_GLOBAL_BACKOFF_MS, backoffMs(networkFailures, retry)));
    } else networkFailures = 0;
    // A message Telegram has taken must be recorded as sent, or a restart would send it again:
    // another process holding the database is waited out, without blocking.
    const now = clock();
    await whenNotBusy(() => settleRow({ db, pacer, logger, retry, onBlocked: deps.onBlocked }, row, outcome, now, true));
  }

  /** An edit applies to the message its original row became; until that is sent, it waits. */
  async function deliverEdit(row: OutboxRow): Promise<DeliveryOutcome | "later"> {
    const edit = JSON.parse(row.payload) as EditPayload;
    // A later version of the same message supersedes this one: applying it would undo the newer.
    if (await hasNewerEdit(db, edit.of, row.id)) return { kind: "sent", messageId: 0 };
    const original = await findByKey(db, edit.of);
    if (original?.state === "queued" || original?.state === "sending") return "later";
    if (original?.state !== "sent" || !original.message_id)
      return { kind: "failed", reason: "the message to edit was never delivered" };
    const outcome = await transport.editText(original.chat_id, original.message_id, edit.html, edit.markup);
    // Telegram refuses an edit that changes nothing: the message already says it.
    if (outcome.kind === "failed" && /not modified/.test(outcome.reason)) return { kind: "sent", messageId: original.message_id };
    return outcome;
  }

  async function deliver(row: OutboxRow): Promise<DeliveryOutcome | "later"> {
    if (row.kind === EDIT_KIND) return deliverEdit(row);
    const message = await messageFor(row);
    if (!message) return { kind: "failed", reason: `cannot read a "${row.kind}" row` };
    try {
      return await transport.send(row.chat_id, message);
    } catch (error) {
      return { kind: "retry", reason: error instanceof Error ? error.message : String(error) };
    }
  }

  async function idle(ms: number, signal: AbortSignal): Promise<void> {
    wakeUp = new AbortController();
    await sleep(ms, AbortSignal.any([signal, wakeUp.signal]));
    wakeUp = undefined;
  }

  async function loop(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      try {
        const paused = pacer.pausedFor();
        if (paused > 0) {
          await sleep(paused, signal);
          continue;
        }
        const busy = pacer.busyChats();
        const row = await nextDue(db, clock().toISOString(), busy);
        if (!row) {
          // Due rows may only be waiting for a busy chat; those free up within a second.
          await idle(busy.length > 0 ? Math.min(idleMs, 100) : idleMs, signal);
          continue;
        }
        if (!(await pacer.take(signal))) break;
        // A progress edit may have used this chat meanwhile; a cancel may have dropped the row.
        if (pacer.isBusy(row.chat_id)) continue;
        const claimed = await claim(db, row.id, clock().toISOString());
        if (!claimed) continue;
        pacer.used(row.chat_id);
        const outcome = await deliver(claimed);
        if (outcome === "later") {
          const notBefore = new Date(clock().getTime() + EDIT_WAIT_MS).toISOString();
          await requeue(db, row.id, { now: clock().toISOString(), notBefore, countAttempt: false });
        } else await record(row, outcome);
      } catch (error) {
        logger.error({ err: error }, "outbox sender failed; retrying in a second");
        await sleep(1000, signal);
      }
    }
  }

  const background = backgroundLoop(loop);
  return {
    async start() {
      if (background.running) return;
      const nowIso = clock().toISOString();
      const resumed = await requeueInFlight(db, nowIso);
      if (resumed > 0) logger.warn({ rows: resumed }, "outbox: messages in flight at the last stop will be sent again");
      const pause = await loadPause(db);
      const left = pause ? Date.parse(pause) - Date.parse(nowIso) : 0;
      if (left > 0) pacer.pause(left);
      background.start();
    },
    stop: () => background.stop(),
    wake() {
      wakeUp?.abort();
    },
  };
}
