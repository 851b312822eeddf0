import type { InlineKeyboard } from "grammy";
import { showButtonsInPlace } from "../platform/telegram/edit.js";
import { escapeHtml } from "../platform/telegram/html.js";
import type { BotConversation, ConversationContext } from "./context.js";

/** What a step shows: HTML text and, optionally, buttons. */
export interface Prompt {
  text: string;
  keyboard?: InlineKeyboard;
  /**
   * Asks for the answer as a reply to the question (Telegram opens the reply for the members the
   * text mentions), with this hint in the input field. Only a reply to it is an answer: in a group
   * the member's other messages are conversation with colleagues, not the answer. No buttons then.
   */
  forceReply?: { placeholder: string };
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

/** Sends a prompt; the message's id, or null if the Bot API refused (the step shows it again at the next update). */
async function sendPrompt(ctx: ConversationContext, prompt: Prompt): Promise<number | null> {
  try {
    const sent = await ctx.reply(prompt.text, {
      parse_mode: "HTML",
      reply_markup: prompt.forceReply
        ? { force_reply: true, selective: true, input_field_placeholder: prompt.forceReply.placeholder }
        : prompt.keyboard,
      link_preview_options: { is_disabled: true },
    });
    return sent.message_id;
  } catch {
    return null;
  }
}

/** Sends a prompt; false if the Bot API refused. */
export async function show(ctx: ConversationContext, prompt: Prompt): Promise<boolean> {
  return (await sendPrompt(ctx, prompt)) !== null;
}

/** The text of the button whose press this is, as the user saw it. */
function pressedLabel(answer: ConversationContext): string | undefined {
  const data = answer.callbackQuery?.data;
  const keyboard = answer.callbackQuery?.message?.reply_markup?.inline_keyboard ?? [];
  return keyboard.flat().find((button) => "callback_data" in button && button.callback_data === data)?.text;
}

export interface AskOptions<T> {
  /** The command that started the conversation: sent again, it repeats the question. */
  repeatCommand?: RegExp;
  /** How a value chosen with buttons is written under the question once answered (default: the pressed button's text). */
  echo?: (value: T) => string;
}

/**
 * One question of a conversation, asked until it gets a valid answer. Commands stay usable
 * meanwhile: /cancel leaves, the command that started the conversation repeats the question, any
 * other command (and buttons of other messages) is handled by the rest of the bot while the
 * conversation keeps waiting at this step. Nothing answered earlier is lost by a bad answer.
 * Once answered, the question loses its buttons (the chosen one is written under it), so an old
 * button cannot be pressed; a press on a button of an earlier question, or a button pressed too
 * soon (Done with nothing chosen), gets a short alert rather than a new message.
 */
export async function ask<T>(
  conversation: BotConversation,
  ctx: ConversationContext,
  prompt: () => Prompt,
  read: (answer: ConversationContext) => Reading<T> | Promise<Reading<T>>,
  options: AskOptions<T> = {},
): Promise<T | Cancelled> {
  let shown = await sendPrompt(ctx, prompt());
  for (;;) {
    const answer = await conversation.wait();
    const text = answer.message?.text?.trim();
    const data = answer.callbackQuery?.data;
    if (data !== undefined && !OWN_BUTTON.test(data)) await conversation.skip({ next: true });
    const ack = (alert?: string) =>
      data === undefined
        ? Promise.resolve()
        : answer.answerCallbackQuery(alert ? { text: alert, show_alert: true } : undefined).then(
            () => undefined,
            () => undefined,
          );
    if (text === "/cancel" || text?.startsWith("/cancel@") || data === "su:cancel") {
      await ack();
      await retire(answer, shown, prompt());
      return CANCELLED;
    }
    if (text?.startsWith("/")) {
      if (!options.repeatCommand?.test(text)) await conversation.skip({ next: true });
      await retire(answer, shown, prompt());
      shown = await sendPrompt(answer, prompt());
      continue;
    }
    if (shown === null) {
      // The user never saw this question (the Bot API failed): show it rather than guess.
      await ack();
      shown = await sendPrompt(answer, prompt());
      continue;
    }
    // Asked for a reply: any other message is not meant for the bot, and is left to the rest of it.
    if (answer.message && prompt().forceReply && answer.message.reply_to_message?.message_id !== shown) {
      await conversation.skip({ next: true });
      continue;
    }
    // In a group (the staff chat) a press on another message may be another member's question:
    // it answers nothing here. In a private chat older copies have lost their buttons already.
    const pressedOn = answer.callbackQuery?.message?.message_id;
    const elsewhere = data !== undefined && pressedOn !== undefined && pressedOn !== shown && answer.chat?.type !== "private";
    const reading = elsewhere ? undefined : await read(answer);
    if (reading === undefined) {
      if (data !== undefined) {
        await ack(answer.t("signup.stale_button"));
        // In a private chat the pressed copy's buttons go; in a group they may be another member's question.
        if (answer.chat?.type === "private" && pressedOn !== shown) await showButtonsInPlace(answer).catch(() => undefined);
        continue;
      }
      const current = prompt();
      await retire(answer, shown, current);
      shown = await sendPrompt(answer, { ...current, text: `${answer.t("signup.answer_hint")}\n\n${current.text}` });
      continue;
    }
    if ("again" in reading) {
      await ack();
      continue;
    }
    if ("error" in reading) {
      if (data !== undefined) {
        await ack(reading.error.replace(/<[^>]*>/g, ""));
        continue;
      }
      const current = prompt();
      await retire(answer, shown, current);
      shown = await sendPrompt(answer, { ...current, text: `⚠️ ${reading.error}\n\n${current.text}` });
      continue;
    }
    await ack();
    const chosen = data === undefined ? undefined : (options.echo?.(reading.value) ?? pressedLabel(answer));
    await settle(answer, shown, prompt(), chosen);
    return reading.value;
  }
}

/** A copy of the question about to be asked again (or left) loses its buttons: only the latest can be answered. */
async function retire(answer: ConversationContext, shown: number | null, prompt: Prompt): Promise<void> {
  const chatId = answer.chat?.id;
  if (shown === null || chatId === undefined || !prompt.keyboard?.inline_keyboard.some((row) => row.length > 0)) return;
  await answer.api.editMessageReplyMarkup(chatId, shown).catch(() => undefined);
}

/** An answered question keeps its text, loses its buttons, and shows the choice made with them. */
async function settle(answer: ConversationContext, shown: number, prompt: Prompt, chosen: string | undefined): Promise<void> {
  const chatId = answer.chat?.id;
  if (chatId === undefined) return;
  const pressedOn = answer.callbackQuery?.message?.message_id;
  if (chosen !== undefined && pressedOn !== undefined) {
    const echoed = `${prompt.text}\n\n👉 <b>${escapeHtml(chosen)}</b>`;
    await answer.api
      .editMessageText(chatId, pressedOn, echoed, { parse_mode: "HTML", link_preview_options: { is_disabled: true } })
      .catch(() => undefined);
    if (pressedOn === shown) return;
  }
  await retire(answer, shown, prompt);
}

/** A button reader: the value whose button was pressed, if it is one of `values`. */
export function pick<T extends string>(pattern: RegExp, values: readonly T[]) {
  return (answer: ConversationContext): Reading<T> => {
    const value = pattern.exec(answer.callbackQuery?.data ?? "")?.[1] as T | undefined;
    return value !== undefined && values.includes(value) ? { value } : undefined;
  };
}
