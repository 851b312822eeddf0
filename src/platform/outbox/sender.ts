import type { Kysely } from "kysely";
import type { Clock } from "../../clock.js";
import type { Logger } from "../../logger.js";
import type { Database, OutboxRow } from "../db/schema.js";
import { whenNotBusy } from "../db/transaction.js";
import { backgroundLoop } from "../jobs/background-loop.js";
import { newOwner } from "../jobs/process-owner.js";
import { listDueByPrefix } from "./by-key.repository.js";
import { createDelivery, type RowReaders } from "./deliver.js";
import { reclaimAbandonedRows } from "./lease.js";
import { backoffMs, DEFAULT_RETRY, type DeliveryOutcome, type RetryPolicy, type Transport } from "./message.js";
import { claim, nextDue, requeue } from "./outbox.repository.js";
import { settleRow } from "./outcome.js";
import { type Pacer, sleep } from "./pacer.js";

/** A network failure also holds the whole sender (the network is likely down for every chat), up to this. */
const MAX_GLOBAL_BACKOFF_MS = 30_000;
/** An edit of a message still on its way waits this long before looking again. */
const EDIT_WAIT_MS = 2000;
/** Requests in flight are sized for this round trip: a server far from Telegram's, and recording the answer. */
const ROUND_TRIP_BUDGET_MS = 400;
/** A claim holds this long: well over a request's timeout (30 s), so a live sender never loses one. */
const DEFAULT_LEASE_MS = 120_000;
/** How often a running sender looks for rows abandoned by senders that died. */
const RECLAIM_EVERY_MS = 5000;

/** Requests in flight at once that keep `rate` a second when each takes the round trip budgeted. */
export const inFlightFor = (rate: number): number => Math.max(1, Math.ceil((rate * ROUND_TRIP_BUDGET_MS) / 1000));

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
  readers?: RowReaders;
  /** A private chat answered 403. */
  onBlocked?: (chatId: number) => Promise<void>;
  /** Requests in flight at once; at most this many rows can be sent twice after a crash. */
  maxInFlight?: number;
  /** How long a claim holds before another sender may take the row back. */
  leaseMs?: number;
  /** Real time, for leases: other processes read them, whatever moment this one's clock says it is. */
  realNow?: () => number;
}

export interface DeliveryReport {
  sent: number;
  blocked: number;
  failed: number;
  /** Put back for the bot's sender to retry (429, network, 5xx). */
  left: number;
}

export interface OutboxSender {
  /** Re-queues rows abandoned by senders that died, and starts draining. */
  start(): Promise<void>;
  /** Lets the requests in flight finish and be recorded, then stops. */
  stop(): Promise<void>;
  /** Something was queued: look now rather than at the next idle check. */
  wake(): void;
  /**
   * Sends, once, the rows whose dedupe key starts with `prefix` and that are due at `dueBy` (which
   * may be in the future: only that prefix, so a broadcast never goes out early), as the loop sends
   * them; what the loop would retry later (429, network, 5xx) is put back for it. For the
   * operators' command.
   */
  drain(prefix: string, dueBy: Date): Promise<DeliveryReport>;
}

type Due = Pick<OutboxRow, "id" | "chat_id">;
/** Where the next row comes from: the whole outbox (the loop), or a list taken once (drain). */
interface RowSource {
  next(skipChats: number[]): Promise<Due | undefined>;
  /** Nothing more will come (a list taken once, used up). */
  done(): boolean;
}

/**
 * The one sender of the outbox, for the bot's loop and for the operators' command: several
 * requests in flight (`maxInFlight`), each started when the pacer allows (overall rate, one a
 * second per chat, the shared 429 pause), and never two at once to the same chat, so a row never
 * overtakes an earlier row of its chat and an edit never races the message or edit before it. A
 * row is claimed ('sending', leased to this sender) before its request and settled after it, so a
 * crash can repeat at most the rows in flight.
 */
export function createOutboxSender(deps: OutboxSenderDeps): OutboxSender {
  const { db, pacer, clock, logger } = deps;
  const retry = deps.retry ?? DEFAULT_RETRY;
  const idleMs = deps.idleMs ?? 1000;
  const maxInFlight = deps.maxInFlight ?? 1;
  const leaseMs = deps.leaseMs ?? DEFAULT_LEASE_MS;
  const realNow = deps.realNow ?? Date.now;
  const owner = newOwner();
  const deliver = createDelivery(db, deps.transport, deps.readers);
  let wakeUp: AbortController | undefined;
  let networkFailures = 0;

  async function record(row: OutboxRow, outcome: DeliveryOutcome, retryHere: boolean): Promise<void> {
    if (outcome.kind === "retry") {
      // A network failure also holds this sender: the network is likely down for every chat.
      networkFailures += 1;
      await pacer.pause(Math.min(MAX_GLOBAL_BACKOFF_MS, backoffMs(networkFailures, retry)), "local");
    } else networkFailures = 0;
    // A message Telegram has taken must be recorded as sent, or a restart would send it again:
    // another process holding the database is waited out, without blocking.
    const now = clock();
    await whenNotBusy(() => settleRow({ db, pacer, logger, retry, onBlocked: deps.onBlocked }, row, outcome, now, retryHere));
  }

  async function send(row: OutboxRow, retryHere: boolean, report?: DeliveryReport): Promise<void> {
    try {
      const outcome = await deliver(row);
      if (outcome === "later") {
        const notBefore = new Date(clock().getTime() + EDIT_WAIT_MS).toISOString();
        return await requeue(db, row, { now: clock().toISOString(), notBefore, countAttempt: false });
      }
      await record(row, outcome, retryHere);
      if (report) {
        if (outcome.kind === "sent" || outcome.kind === "blocked" || outcome.kind === "failed") report[outcome.kind]++;
        else report.left++;
      }
    } catch (error) {
      // The row stays in flight under this sender's lease, and goes back to the queue when it ends.
      logger.error({ err: error, outbox: row.id }, "outbox: recording a delivery failed");
    }
  }

  async function idle(ms: number, signal: AbortSignal): Promise<void> {
    wakeUp = new AbortController();
    await sleep(ms, AbortSignal.any([signal, wakeUp.signal]));
    wakeUp = undefined;
  }

  async function reclaim(): Promise<void> {
    const resumed = await reclaimAbandonedRows(db, clock(), realNow());
    if (resumed > 0) logger.warn({ rows: resumed }, "outbox: messages in flight when their sender died will be sent again");
  }

  async function pump(source: RowSource, signal: AbortSignal, retryHere: boolean, report?: DeliveryReport): Promise<void> {
    const inFlight = new Map<number, Promise<void>>(); // by chat: one request per chat at a time
    let reclaimedAt = realNow();
    try {
      while (!signal.aborted) {
        try {
          if (inFlight.size >= maxInFlight) {
            await Promise.race(inFlight.values());
            continue;
          }
          const paused = pacer.pausedFor();
          if (paused > 0) {
            await sleep(paused, signal);
            continue;
          }
          if (retryHere && realNow() - reclaimedAt >= RECLAIM_EVERY_MS) {
            reclaimedAt = realNow();
            await reclaim();
          }
          const busy = [...new Set([...pacer.busyChats(), ...inFlight.keys()])];
          const row = await source.next(busy);
          if (!row) {
            if (source.done() && inFlight.size === 0) return;
            // Due rows may only be waiting for a busy chat or a request in flight: those free up soon.
            await idle(busy.length > 0 ? Math.min(idleMs, 100) : idleMs, signal);
            continue;
          }
          const claimed = await claim(db, row.id, clock().toISOString(), {
            owner,
            until: new Date(realNow() + leaseMs).toISOString(),
          });
          if (!claimed) continue; // cancelled meanwhile, or another sender took it
          // The slot is taken last, right before the request leaves: a slot is when Telegram will
          // see the request, give or take the network, not when this sender began to prepare it.
          const slot = await pacer.take(signal);
          // A progress edit may have used this chat while the sender waited for the slot.
          if (!slot || pacer.isBusy(row.chat_id)) {
            await requeue(db, claimed, { now: clock().toISOString(), countAttempt: false });
            if (!slot) break;
            continue;
          }
          pacer.used(row.chat_id);
          const chat = row.chat_id;
          inFlight.set(
            chat,
            send(claimed, retryHere, report).finally(() => inFlight.delete(chat)),
          );
        } catch (error) {
          logger.error({ err: error }, "outbox sender failed; retrying in a second");
          await sleep(1000, signal);
        }
      }
    } finally {
      await Promise.all(inFlight.values());
    }
  }

  const loopSource: RowSource = {
    next: async (skipChats) => nextDue(db, clock().toISOString(), skipChats),
    done: () => false,
  };
  const background = backgroundLoop((signal) => pump(loopSource, signal, true));
  return {
    async start() {
      if (background.running) return;
      await reclaim();
      background.start();
    },
    stop: () => background.stop(),
    wake() {
      wakeUp?.abort();
    },
    async drain(prefix, dueBy) {
      const pending: Due[] = await listDueByPrefix(db, prefix, dueBy.toISOString());
      const source: RowSource = {
        async next(skipChats) {
          const index = pending.findIndex((row) => !skipChats.includes(row.chat_id));
          return index === -1 ? undefined : pending.splice(index, 1)[0];
        },
        done: () => pending.length === 0,
      };
      const report: DeliveryReport = { sent: 0, blocked: 0, failed: 0, left: 0 };
      await pump(source, new AbortController().signal, false, report);
      return report;
    },
  };
}
