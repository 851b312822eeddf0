import { isUpload } from "./bot-api-request.js";

export type ApiCall = { method: string; payload: Record<string, unknown>; at: number };

export type WaitOptions = { timeoutMs?: number; since?: number };

type Waiter = {
  predicate: (call: ApiCall) => boolean;
  since: number;
  resolve: (call: ApiCall) => void;
  reject: (err: Error) => void;
};

const REPLY_METHODS = new Set(["sendMessage", "sendDocument", "sendPhoto", "editMessageText"]);
const sameChat = (call: ApiCall, chatId: number | string) => String(call.payload.chat_id) === String(chatId);
/** The calls a Bot API server received, and waiting for one: what tests read of the bot's behaviour. */
export class CallLog {
  /** Every authorised request in arrival order, including getUpdates, failures and unknown methods. */
  readonly calls: ApiCall[] = [];
  private readonly waiters = new Set<Waiter>();

  /** `keepCalls` false: a long-running sandbox keeps nothing. */
  constructor(private readonly keepCalls: boolean) {}

  /** Keeps a call (unless calls are not kept) and resolves whoever waits for one like it. */
  protected record(call: ApiCall): void {
    if (!this.keepCalls) return;
    this.calls.push(call);
    const index = this.calls.length - 1;
    // A throwing test predicate must not turn into a 500 for the bot.
    const matches = (w: Waiter) => {
      try {
        return w.predicate(call);
      } catch {
        return false;
      }
    };
    for (const w of this.waiters) if (index >= w.since && matches(w)) w.resolve(call);
  }

  /** sendMessage/sendDocument/sendPhoto/editMessageText calls addressed to `chatId`, in order. */
  messagesTo(chatId: number | string): ApiCall[] {
    return this.calls.filter((c) => REPLY_METHODS.has(c.method) && sameChat(c, chatId));
  }

  /** Forgets recorded calls (not chats, queued updates or injected failures); `since` indices restart at 0. */
  clear(): void {
    this.calls.length = 0;
  }

  /**
   * Resolves with the first call matching `predicate`, counting calls already recorded at index >= `since`
   * (default 0). A bare number is taken as `timeoutMs` (default 5000). Rejects listing recent calls on timeout.
   * Resolves when the request arrives, i.e. before the bot has received the response.
   */
  waitFor(predicate: (call: ApiCall) => boolean, options: WaitOptions | number = {}): Promise<ApiCall> {
    const { timeoutMs = 5000, since = 0 } = typeof options === "number" ? { timeoutMs: options } : options;
    const found = this.calls.slice(since).find(predicate);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(waiter);
      };
      const waiter: Waiter = {
        predicate,
        since,
        resolve: (c) => {
          done();
          resolve(c);
        },
        reject: (e) => {
          done();
          reject(e);
        },
      };
      const timer = setTimeout(
        () =>
          waiter.reject(
            new Error(
              `waitFor: no matching call within ${timeoutMs} ms (since #${since}; predicate ${String(predicate).slice(0, 120)}).\n` +
                `Last calls:\n${this.describeRecent()}`,
            ),
          ),
        timeoutMs,
      );
      this.waiters.add(waiter);
    });
  }

  /** Next sendMessage/sendDocument/sendPhoto/editMessageText to `chatId` recorded at index >= `since` (default: now). */
  nextReply(chatId: number | string, options: WaitOptions = {}): Promise<ApiCall> {
    const since = options.since ?? this.calls.length;
    return this.waitFor((c) => REPLY_METHODS.has(c.method) && sameChat(c, chatId), { ...options, since });
  }

  private describeRecent(): string {
    const recent = this.calls
      .map((c, i) => ({ c, i }))
      .filter(({ c }) => c.method !== "getUpdates")
      .slice(-8);
    if (recent.length === 0) return "  (none besides getUpdates)";
    const replacer = (_: string, v: unknown) => (isUpload(v) ? `<${v.fileName}: ${v.data.length} bytes>` : v);
    return recent.map(({ c, i }) => `  #${i} ${c.method} ${JSON.stringify(c.payload, replacer).slice(0, 300)}`).join("\n");
  }

  protected rejectWaiters(error: Error): void {
    for (const w of this.waiters) w.reject(error);
  }
}
