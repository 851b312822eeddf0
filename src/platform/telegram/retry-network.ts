import { HttpError, type Transformer } from "grammy";

export interface NetworkRetryOptions {
  /** Retries after the first try. */
  retries: number;
  /** The wait before the first retry; it doubles for each next one. */
  firstDelayMs: number;
}

/**
 * Retries a Bot API call that failed on the network (a connection that dropped, a call cut off at
 * its deadline) a few times, so an answer already worked out is not lost to one bad connection —
 * typically a kept-alive connection the server closed while the event loop was busy. Bounded, so
 * a chat is never held for long; getUpdates has its own retries in polling.
 */
export function retryNetworkErrors({ retries, firstDelayMs }: NetworkRetryOptions): Transformer {
  return async (prev, method, payload, signal) => {
    for (let attempt = 0; ; attempt++) {
      try {
        return await prev(method, payload, signal);
      } catch (error) {
        if (!(error instanceof HttpError) || method === "getUpdates" || attempt >= retries || signal?.aborted) throw error;
        await new Promise((resolve) => setTimeout(resolve, firstDelayMs * 2 ** attempt));
      }
    }
  };
}
