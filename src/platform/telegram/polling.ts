import { createConcurrentSink, createRunner, createSource, sequentialize } from "@grammyjs/runner";
import { type Bot, type Context, GrammyError } from "grammy";
import type { Update } from "grammy/types";
import type { Logger } from "../../logger.js";

export interface Polling {
  /** Stops fetching at once; updates still in hand finish, for up to `graceMs`. */
  stop(graceMs?: number): Promise<void>;
  /** Settles with the error when polling cannot go on (Telegram refuses the token); never while it runs. */
  failure: Promise<unknown>;
}

export interface PollingOptions {
  logger: Logger;
  /** The long-poll timeout of getUpdates, in seconds. */
  pollSeconds?: number;
  /** The wait before the first retry of a failed getUpdates; it doubles up to `maxRetryMs`. */
  firstRetryMs?: number;
  maxRetryMs?: number;
}

/** Updates of one chat are handled in order, different chats in parallel (with the runner). */
export const oneChatAtATime = () => sequentialize<Context>((ctx) => (ctx.chat?.id ?? ctx.from?.id)?.toString());

/** Errors after which polling again cannot help: the token is not (or no longer) a bot's. */
export const isFatalPollingError = (error: unknown): boolean =>
  error instanceof GrammyError && (error.error_code === 401 || error.error_code === 404);

/** Why getUpdates failed, in words an operator can act on. */
function describeFailure(error: unknown): string {
  if (error instanceof GrammyError && error.error_code === 409) {
    return /webhook/i.test(error.description)
      ? "a webhook is set for this bot, so Telegram refuses getUpdates (409 Conflict); delete the webhook (deleteWebhook) to use polling"
      : "another process is polling with this BOT_TOKEN (409 Conflict: terminated by other getUpdates request); only one instance of the bot may run per token";
  }
  if (error instanceof GrammyError) return `Telegram answered getUpdates with ${error.error_code}: ${error.description}`;
  return `getUpdates failed: ${error instanceof Error ? error.message : String(error)}`;
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
  });

/**
 * Long polling with grammY's runner: updates of different chats are handled concurrently. A failed
 * getUpdates (network, 5xx, 409 from a second instance or a webhook) is logged and retried with a
 * doubling, capped wait, rather than ending the runner; only a refused token ends polling, through
 * `failure`.
 */
export function startPolling<C extends Context>(bot: Bot<C>, options: PollingOptions): Polling {
  const { logger, pollSeconds = 30, firstRetryMs = 1000, maxRetryMs = 30_000 } = options;
  let offset = 0;
  let retryMs = firstRetryMs;
  const supply = async (batchSize: number, signal: AbortSignal): Promise<Update[]> => {
    for (;;) {
      try {
        const updates = await bot.api.getUpdates(
          {
            offset,
            limit: Math.max(1, Math.min(batchSize, 100)),
            timeout: pollSeconds,
            allowed_updates: ["message", "callback_query", "my_chat_member"],
          },
          signal as Parameters<typeof bot.api.getUpdates>[1],
        );
        if (retryMs > firstRetryMs) logger.info("getUpdates works again");
        retryMs = firstRetryMs;
        const last = updates.at(-1);
        if (last) offset = last.update_id + 1;
        return updates;
      } catch (error) {
        if (signal.aborted || isFatalPollingError(error)) throw error;
        logger.warn({ retryInSeconds: retryMs / 1000 }, `${describeFailure(error)}; retrying in ${retryMs / 1000} s`);
        await sleep(retryMs, signal);
        if (signal.aborted) throw error;
        retryMs = Math.min(retryMs * 2, maxRetryMs);
      }
    }
  };
  // The runner's AbortSignal type is a shim's; at run time it is Node's own.
  const source = createSource<Update>({ supply: supply as never });
  const sink = createConcurrentSink<Update>({ consume: (update) => bot.handleUpdate(update) }, async (error) => {
    try {
      await bot.errorHandler(error as Parameters<typeof bot.errorHandler>[0]);
    } catch (unhandled) {
      logger.error({ err: unhandled }, "update failed outside the error boundary");
    }
  });
  const runner = createRunner(source, sink);
  runner.start();
  const failure = new Promise<unknown>((resolve) => {
    void runner.task()?.catch(resolve);
  });
  return {
    failure,
    async stop(graceMs = 10_000) {
      if (runner.isRunning()) await runner.stop();
      for (let waited = 0; runner.size() > 0 && waited < graceMs; waited += 50) await new Promise((r) => setTimeout(r, 50));
    },
  };
}
