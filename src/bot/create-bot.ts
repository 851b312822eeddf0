import { autoRetry } from "@grammyjs/auto-retry";
import { createConversation } from "@grammyjs/conversations";
import { Bot, type BotError } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import { isBusyError } from "../platform/db/connection.js";
import type { BotApiHttp } from "../platform/telegram/http-client.js";
import { oneChatAtATime } from "../platform/telegram/polling.js";
import { retryNetworkErrors } from "../platform/telegram/retry-network.js";
import { sequence } from "../platform/telegram/sequence.js";
import type { BotContext, BotDeps } from "./context.js";
import { conversationsMiddleware, hasConversationState } from "./conversations.js";
import { fallback } from "./fallback.js";
import type { BotModule } from "./module.js";
import { isPlainText, type PlainTextContext } from "./plain-text.js";

/** How often and how soon a Bot API call that failed on the network is tried again. */
export const NETWORK_RETRIES = { retries: 2, firstDelayMs: 500 };

export interface CreateBotOptions {
  /** Skips getMe at start-up when the caller already knows the bot (tests, benchmarks). */
  botInfo?: UserFromGetMe;
  /** The HTTP client of Bot API calls (createBotApiHttp); grammY's default (node-fetch) without it. */
  http?: BotApiHttp;
}

/**
 * The bot with its middleware in order: the deps and every module's context middleware, the
 * conversations plugin and every module's conversations, every module's composer (plain text in a
 * private chat: every module's plainText composer instead), and the fallback (unknown commands,
 * stale buttons) — all inside one error boundary. The caller decides how updates reach it
 * (polling, tests).
 */
export function createBot(
  token: string,
  deps: BotDeps,
  modules: readonly BotModule[],
  options: CreateBotOptions = {},
): Bot<BotContext> {
  const bot = new Bot<BotContext>(token, {
    client: { apiRoot: deps.config.telegramApiRoot, fetch: options.http?.fetch },
    botInfo: options.botInfo,
  });
  if (options.http) bot.api.config.use(options.http.transformer(token, deps.config.telegramApiRoot));
  // Retries 429s and 5xx a few times (5xx after 3 s, then 6 s, 12 s). Network errors are not
  // retried by auto-retry, which would retry them forever, holding the chat: twice, after 0.5 s
  // and 1 s, then the call fails.
  bot.api.config.use(autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 30, rethrowHttpErrors: true }));
  bot.api.config.use(retryNetworkErrors(NETWORK_RETRIES));

  bot.use(oneChatAtATime());

  // Plain text in a private chat goes to the modules' plainText composers only, and past the
  // conversations plugin when no form is in progress in the chat (nothing there could read it):
  // every route it passed would cost it async frames, kept while it waits on the Bot API. The
  // chains are sequences rather than composers for the same reason.
  const toPlainText = sequence<PlainTextContext>(...modules.flatMap((m) => m.plainText ?? []), fallback);
  const toOther = sequence<BotContext>(...modules.flatMap((m) => m.composer ?? []), fallback);
  const toConversations = sequence<BotContext>(
    ...conversationsMiddleware(deps),
    ...modules.flatMap((m) => (m.conversations ?? []).map(({ id, builder }) => createConversation(builder, id))),
    (ctx, next) => (isPlainText(ctx) ? toPlainText(ctx, next) : toOther(ctx, next)),
  );
  const features = sequence<BotContext>(
    (ctx, next) => {
      ctx.deps = deps;
      return next();
    },
    ...modules.flatMap((m) => m.context ?? []),
    (ctx, next) =>
      isPlainText(ctx)
        ? hasConversationState(deps, ctx).then((stored) => (stored ? toConversations(ctx, next) : toPlainText(ctx, next)))
        : toConversations(ctx, next),
  );
  bot.errorBoundary((error) => replyWithError(error, deps), features);

  bot.catch((error) => deps.logger.error({ err: error.error, update: error.ctx.update.update_id }, "update failed"));
  return bot;
}

async function replyWithError(error: BotError<BotContext>, deps: BotDeps): Promise<void> {
  const { ctx } = error;
  deps.logger.error({ err: error.error, update: ctx.update.update_id }, "feature failed");
  const t = ctx.t ?? deps.i18n.translator(deps.config.defaultLocale);
  if (ctx.callbackQuery) await ctx.answerCallbackQuery().catch(() => undefined);
  // Another process (an import, a backup) holding the database is worth saying: it passes.
  if (ctx.chat) await ctx.reply(t(isBusyError(error.error) ? "common.busy" : "common.error")).catch(() => undefined);
}
