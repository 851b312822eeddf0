import type { Context, InlineKeyboard } from "grammy";
import { splitHtml } from "./split-html.js";

const MESSAGE_LIMIT = 4096;

/** What the bot shows: HTML text and its buttons. */
export interface View {
  text: string;
  keyboard: InlineKeyboard;
}

/**
 * Splits HTML at line breaks so no message passes Telegram's 4096-character limit; a line too long
 * on its own is cut between characters, with its open tags closed and opened again.
 */
export const splitMessage = (text: string, limit = MESSAGE_LIMIT): string[] => splitHtml(text, limit);

/** Sends HTML text with its keyboard on the last part. */
export async function sendView(ctx: Context, view: { text: string; keyboard?: InlineKeyboard }): Promise<void> {
  const parts = splitMessage(view.text);
  for (const [i, part] of parts.entries()) {
    const last = i === parts.length - 1;
    await ctx.reply(part, {
      parse_mode: "HTML",
      link_preview_options: { is_disabled: true },
      ...(last && view.keyboard ? { reply_markup: view.keyboard } : {}),
    });
  }
}

/** Answers a button press (stopping its spinner) without failing the update if the press is too old. */
export async function acknowledge(ctx: Context, text?: string): Promise<void> {
  await ctx.answerCallbackQuery(text ? { text } : undefined).catch(() => undefined);
}
