import { type RunnerHandle, run, sequentialize } from "@grammyjs/runner";
import type { Bot, Context } from "grammy";

export interface Polling {
  /** Stops fetching at once; updates still in hand finish, for up to `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

/** Updates of one chat are handled in order, different chats in parallel (with the runner). */
export const oneChatAtATime = () => sequentialize<Context>((ctx) => (ctx.chat?.id ?? ctx.from?.id)?.toString());

/** Long polling with grammY's runner: updates of different chats are handled concurrently. */
export function startPolling<C extends Context>(bot: Bot<C>): Polling {
  const runner: RunnerHandle = run(bot, {
    runner: { fetch: { allowed_updates: ["message", "callback_query", "my_chat_member"] } },
  });
  return {
    async stop(graceMs = 10_000) {
      if (runner.isRunning()) await runner.stop();
      for (let waited = 0; runner.size() > 0 && waited < graceMs; waited += 50) await new Promise((r) => setTimeout(r, 50));
    },
  };
}
