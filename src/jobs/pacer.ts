import { performance } from "node:perf_hooks";

/**
 * Spaces out requests to Telegram: at most `rate` a second overall, one a `chatIntervalMs` per
 * chat, nothing while paused after a 429. Everything the outbox sends (deliveries and progress
 * edits) takes a slot here, so together they stay under the limit.
 *
 * Monotonic time on purpose: the bot's clock may be fixed (tests) or jump, and a rate is a duration.
 * Memory only: after a restart the worst case is one chat hearing from the bot twice within a second.
 */
export interface Pacer {
  /** Waits for the next slot (and for any pause to end); false when `signal` aborted the wait. */
  take(signal?: AbortSignal): Promise<boolean>;
  /** Holds every slot for `ms` (Telegram's retry_after). */
  pause(ms: number): void;
  /** Chats that had a message less than the per-chat interval ago. */
  busyChats(): number[];
  isBusy(chatId: number): boolean;
  /** Records a request to a chat, for the per-chat interval. */
  used(chatId: number): void;
  /** Milliseconds until the current pause ends (0 when not paused). */
  pausedFor(): number;
}

export function createPacer(options: { rate: number; chatIntervalMs?: number; now?: () => number }): Pacer {
  const interval = 1000 / options.rate;
  const chatInterval = options.chatIntervalMs ?? 1000;
  const now = options.now ?? (() => performance.now());
  let nextSlot = 0;
  let pausedUntil = 0;
  const lastByChat = new Map<number, number>();
  // Slots are handed out in order even when several callers wait at once.
  let queue: Promise<unknown> = Promise.resolve();

  const prune = (at: number) => {
    for (const [chat, time] of lastByChat) if (at - time >= chatInterval) lastByChat.delete(chat);
  };

  return {
    take(signal) {
      const turn = queue.then(async () => {
        for (;;) {
          if (signal?.aborted) return false;
          const at = now();
          // Never catch up on slots missed while idle or slow: that would be a burst.
          const wait = Math.max(nextSlot, pausedUntil) - at;
          if (wait <= 0) {
            // A slot taken a little late (timer jitter) keeps the schedule, so the rate holds; one
            // taken a whole interval late starts a new schedule rather than bursting to catch up.
            // Either way no window of one second holds more than `rate` + 1 slots.
            nextSlot = at - nextSlot < interval ? nextSlot + interval : at + interval;
            return true;
          }
          await sleep(wait, signal);
        }
      });
      queue = turn.catch(() => undefined);
      return turn;
    },
    pause(ms) {
      pausedUntil = Math.max(pausedUntil, now() + ms);
    },
    busyChats() {
      prune(now());
      return [...lastByChat.keys()];
    },
    isBusy(chatId) {
      const last = lastByChat.get(chatId);
      return last !== undefined && now() - last < chatInterval;
    },
    used(chatId) {
      lastByChat.set(chatId, now());
    },
    pausedFor() {
      return Math.max(0, pausedUntil - now());
    },
  };
}

/** Resolves after `ms`, or early when `signal` aborts; never rejects. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, Math.max(0, ms));
    signal?.addEventListener("abort", done, { once: true });
  });
}
