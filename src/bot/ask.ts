import type { InlineKeyboard } from "grammy";
import type { BotConversation, ConversationContext } from "./context.js";

/** What a step shows: HTML text and, optionally, buttons. */
export interface Prompt {
  text: string;
  keyboard?: InlineKeyboard;
}

/**
 * How a step reads an update: a value ends the step; `error` (translated) re-asks with the reason;
 * `again` means the update was used (a toggle) and the step goes on; undefined means the update
 * is not an answer to this step (a sticker, a stale button) and the user is reminded how to answer.
 */
export type Reading<T> = { value: T } | { error: string } | { again: true } | undefined;

/** Returned by `ask` when the user leaves with /cancel or the Cancel button. */
export const CANCELLED = "cancelled" as const;
export type Cancelled = typeof CANCELLED;

/** Callback data of buttons a conversation owns; any other button is left to the rest of the bot. */
export const OWN_BUTTON = /^su:/;

/** Sends a prompt; false if the Bot API refused, so the step shows it again at the next update. */
export async function show(ctx: ConversationContext, prompt: Prompt): Promise<boolean> {
  try {
    await ctx.reply(prompt.text, {
      parse_mode: "HTML",
      reply_markup: prompt.keyboard,
      link_preview_options: { is_disabled: true },
    });
    return true;
  } catch {
    return false;
  }
}

/**
 * One question of a conversation, asked until it gets a valid answer. Commands stay usable
 * meanwhile: /cancel leaves, the command that started the conversation repeats the question, any
 * other command (and buttons of other messages) is handled by the rest of the bot while the
 * conversation keeps waiting at this step. Nothing answered earlier is lost by a bad answer.
 */
export async function ask<T>(
  conversation: BotConversation,
  ctx: ConversationContext,
  prompt: () => Prompt,
  read: (answer: ConversationContext) => Reading<T> | Promise<Reading<T>>,
  options: { repeatCommand?: RegExp } = {},
): Promise<T | Cancelled> {
  let shown = await show(ctx, prompt());
  for (;;) {
    const answer = await conversation.wait();
    const text = answer.message?.text?.trim();
    const data = answer.callbackQuery?.data;
    if (data !== undefined && !OWN_BUTTON.test(data)) await conversation.skip({ next: true });
    if (data !== undefined) await answer.answerCallbackQuery().catch(() => undefined);
    if (text === "/cancel" || text?.startsWith("/cancel@") || data === "su:cancel") return CANCELLED;
    if (text?.startsWith("/")) {
      if (!options.repeatCommand?.test(text)) await conversation.skip({ next: true });
      shown = await show(answer, prompt());
      continue;
    }
    if (!shown) {
      // The user never saw this question (the Bot API failed): show it rather than guess.
      shown = await show(answer, prompt());
      continue;
    }
    const reading = await read(answer);
    if (reading === undefined) {
      const current = prompt();
      shown = await show(answer, { ...current, text: `${answer.t("signup.answer_hint")}\n\n${current.text}` });
      continue;
    }
    if ("again" in reading) continue;
    if ("error" in reading) {
      const current = prompt();
      shown = await show(answer, { ...current, text: `⚠️ ${reading.error}\n\n${current.text}` });
      continue;
    }
    return reading.value;
  }
}

/** A button reader: the value whose button was pressed, if it is one of `values`. */
export function pick<T extends string>(pattern: RegExp, values: readonly T[]) {
  return (answer: ConversationContext): Reading<T> => {
    const value = pattern.exec(answer.callbackQuery?.data ?? "")?.[1] as T | undefined;
    return value !== undefined && values.includes(value) ? { value } : undefined;
  };
}
