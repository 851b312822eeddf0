import { performance } from "node:perf_hooks";

/**
 * Spaces out requests to Telegram: at most `rate` in any one second overall, one a
 * `chatIntervalMs` (a little over a second) per chat, nothing while paused after a 429. Everything
 * the outbox sends (deliveries and progress edits) takes a slot here, so together they stay under
 * the limit.
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
  // At most `capacity` slots in any `windowMs`: `rate` a second, counted over any one second
  // (over a longer window for rates under one a second). After a stall (a busy machine, a slow
  // disk) the slots missed are caught up, so the rate holds, but at most at twice the pace.
  const capacity = Math.max(1, Math.floor(options.rate));
  const windowMs = (1000 * capacity) / options.rate;
  const minGap = windowMs / capacity / 2;
  // A little over Telegram's second, so network jitter cannot bring two requests under it.
  const chatInterval = options.chatIntervalMs ?? 1050;
  const now = options.now ?? (() => performance.now());
  const granted: number[] = []; // the last `capacity` slots, oldest first
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
          const windowFreesAt = granted.length < capacity ? -Infinity : granted[0]! + windowMs;
          const earliest = Math.max(pausedUntil, (granted.at(-1) ?? -Infinity) + minGap, windowFreesAt);
          if (at >= earliest) {
            granted.push(at);
            if (granted.length > capacity) granted.shift();
            return true;
          }
          await sleep(earliest - at, signal);
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
