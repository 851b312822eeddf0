import { performance } from "node:perf_hooks";

/**
 * Spaces out requests to Telegram: at most `rate` in any one second overall, one a
 * `chatIntervalMs` (a little over a second) per chat, nothing while paused after a 429. Everything
 * the outbox sends (deliveries and progress edits) takes a slot here, so together they stay under
 * the limit.
 *
 * Monotonic time on purpose: the bot's clock may be fixed (tests) or jump, and a rate is a duration.
 * The slots are memory only: after a restart the worst case is one chat hearing from the bot twice
 * within a second. A 429's pause is also `shared` (kept in the database, in real time): every
 * process sending for the bot reads it before each request, so they all wait it out.
 */
export interface Pacer {
  /** Waits for the next slot (and for any pause to end); false when `signal` aborted the wait. */
  take(signal?: AbortSignal): Promise<boolean>;
  /**
   * Holds every slot for `ms`: Telegram's retry_after, here and in every process sharing the pause;
   * `local` for this process's own reasons (its network is down).
   */
  pause(ms: number, scope?: "shared" | "local"): Promise<void>;
  /** Chats that had a message less than the per-chat interval ago. */
  busyChats(): number[];
  isBusy(chatId: number): boolean;
  /** Records a request to a chat, for the per-chat interval. */
  used(chatId: number): void;
  /** Milliseconds until the current pause ends (0 when not paused). */
  pausedFor(): number;
}

/** A pause kept outside this process: until when (real time, ms since the epoch) every sender waits. */
export interface SharedPause {
  load(): Promise<number | undefined>;
  save(until: number): Promise<void>;
}

/** How late for its slot (in gaps) a caller may be and still get it: small delays then cost no rate. */
const LATE_SLOT_KEPT = 0.5;

export function createPacer(options: {
  rate: number;
  chatIntervalMs?: number;
  now?: () => number;
  shared?: SharedPause;
  /** Real time, to compare with the shared pause (which other processes wrote). */
  realNow?: () => number;
  /** How much later one request may reach Telegram than another sent as soon after its slot. */
  arrivalJitterMs?: number;
}): Pacer {
  // At most `capacity` slots in any `windowMs`: `rate` a second, counted over any one second
  // (over a longer window for rates under one a second), and the slots evenly spaced. The window
  // is a little longer than a second: with several requests in flight, the time from a slot to
  // Telegram's receiving the request varies (a new connection, a busy machine on either side), and
  // requests that arrive bunched must not bring a second at Telegram's end over the limit. Slots
  // are evenly spaced, which keeps that slack everywhere; a caller a little late for its slot still
  // gets it (LATE_SLOT_KEPT), but a stall is not caught up in a burst.
  const capacity = Math.max(1, Math.floor(options.rate));
  const windowMs = (1000 * capacity) / options.rate + (options.arrivalJitterMs ?? 20);
  const gap = windowMs / capacity;
  let nextSlot = -Infinity; // when the next slot is due, on the even spacing
  // A little over Telegram's second, so network jitter cannot bring two requests under it.
  const chatInterval = options.chatIntervalMs ?? 1050;
  const now = options.now ?? (() => performance.now());
  const realNow = options.realNow ?? Date.now;
  const { shared } = options;
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
          const until = await shared?.load();
          if (until !== undefined) pausedUntil = Math.max(pausedUntil, now() + (until - realNow()));
          const at = now();
          const windowFreesAt = granted.length < capacity ? -Infinity : granted[0]! + windowMs;
          const earliest = Math.max(pausedUntil, nextSlot - LATE_SLOT_KEPT * gap, windowFreesAt);
          if (at >= earliest) {
            nextSlot = Math.max(at, nextSlot) + gap;
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
    async pause(ms, scope = "shared") {
      pausedUntil = Math.max(pausedUntil, now() + ms);
      if (scope === "shared") await shared?.save(realNow() + ms);
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
