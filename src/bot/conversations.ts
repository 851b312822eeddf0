import { autoRetry } from "@grammyjs/auto-retry";
import { type ConversationData, type ConversationOptions, conversations, type VersionedState } from "@grammyjs/conversations";
import type { Middleware, MiddlewareFn } from "grammy";
import type { BotContext, BotConversation, BotDeps, ConversationContext } from "./context.js";
import { deleteConversation, readConversation, writeConversation } from "./conversation-store.js";

/**
 * Bump when a conversation's steps change: stored state of an older flow cannot be replayed
 * against the new code, so it is dropped and the user is told to start again.
 */
export const CONVERSATION_VERSION = 2;

/** One conversation state per private chat; in a group (the staff chat) one per member. */
export function conversationKey(ctx: BotContext): string | undefined {
  if (ctx.chat === undefined) return undefined;
  if (ctx.chat.type === "private" || !ctx.from) return String(ctx.chat.id);
  return `${ctx.chat.id}:${ctx.from.id}`;
}

/**
 * Whether the chat (in a group, the member) has conversation state stored: a form in progress, or
 * one of an older version to be dropped. Read through the same cache as the plugin's storage.
 */
export async function hasConversationState(deps: BotDeps, ctx: BotContext): Promise<boolean> {
  const key = conversationKey(ctx);
  return key !== undefined && (await readConversation(deps.db, key)) !== undefined;
}

/** Conversation state in SQLite, so a restart (even kill -9) resumes at the same step. */
function sqliteStorage(deps: BotDeps): ConversationOptions<BotContext, ConversationContext>["storage"] {
  return {
    type: "context",
    version: CONVERSATION_VERSION,
    adapter: {
      async read(ctx) {
        const key = conversationKey(ctx);
        if (key === undefined) return undefined;
        const raw = await readConversation(deps.db, key);
        if (raw === undefined) return undefined;
        const state = JSON.parse(raw) as VersionedState<ConversationData>;
        if (Array.isArray(state.version) && state.version[1] !== CONVERSATION_VERSION) {
          await deleteConversation(deps.db, key);
          ctx.conversationReset = true;
          return undefined;
        }
        return state;
      },
      async write(ctx, state) {
        const key = conversationKey(ctx);
        if (key !== undefined) await writeConversation(deps.db, key, JSON.stringify(state), deps.clock());
      },
      async delete(ctx) {
        const key = conversationKey(ctx);
        if (key !== undefined) await deleteConversation(deps.db, key);
      },
    },
  };
}

/**
 * Outer middleware does not run inside a conversation, so this plugin gives each conversation
 * context the deps and the user's language (read from the outside context once per update, through
 * `external`, so replays see the same value), and a bounded auto-retry for 429s. 5xx are not
 * retried inside: the replay would repeat the wait; the conversation re-asks instead.
 */
function conversationPlugins(deps: BotDeps) {
  return (conversation: BotConversation): Middleware<ConversationContext>[] => [
    async (ctx, next) => {
      ctx.deps = deps;
      ctx.locale = await conversation.external((outer) => outer.locale);
      ctx.t = deps.i18n.translator(ctx.locale);
      ctx.api.config.use(
        autoRetry({ maxRetryAttempts: 2, maxDelaySeconds: 10, rethrowInternalServerErrors: true, rethrowHttpErrors: true }),
      );
      await next();
    },
  ];
}

/** The conversations plugin with SQLite storage, then a notice for chats whose old state was dropped. */
export function conversationsMiddleware(deps: BotDeps): MiddlewareFn<BotContext>[] {
  return [
    conversations<BotContext, ConversationContext>({ storage: sqliteStorage(deps), plugins: conversationPlugins(deps) }),
    async (ctx, next) => {
      if (!ctx.conversationReset) return next();
      await ctx.reply(ctx.t("signup.reset"));
      // An answer meant for the dropped form is not a question for the rest of the bot.
      if (ctx.message?.text?.startsWith("/") || (ctx.callbackQuery && !ctx.callbackQuery.data?.startsWith("su:"))) return next();
      if (ctx.callbackQuery) await ctx.answerCallbackQuery().catch(() => undefined);
    },
  ];
}
