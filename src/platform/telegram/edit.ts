import { type Context, GrammyError, type InlineKeyboard } from "grammy";
import { sendView } from "./send.js";

/** Telegram's answer to an edit that changes nothing: the message already shows it, which is success. */
export const isNotModified = (error: unknown): boolean =>
  error instanceof GrammyError && error.error_code === 400 && /message is not modified/i.test(error.description);

/** A 400 other than "not modified": the message cannot be edited (too old, deleted), so a new one is sent. */
const cannotEdit = (error: unknown): boolean => error instanceof GrammyError && error.error_code === 400 && !isNotModified(error);

/**
 * Shows a view on the message whose button was pressed, in place. A second press of the same
 * button (nothing to change) is success; a message that can no longer be edited gets the view as a
 * new message. Other failures (network, 5xx) are thrown, as for any request.
 */
export async function showInPlace(ctx: Context, view: { text: string; keyboard?: InlineKeyboard }): Promise<void> {
  try {
    await ctx.editMessageText(view.text, {
      parse_mode: "HTML",
      link_preview_options: { is_disabled: true },
      ...(view.keyboard ? { reply_markup: view.keyboard } : {}),
    });
  } catch (error) {
    if (isNotModified(error)) return;
    if (!cannotEdit(error)) throw error;
    await sendView(ctx, view);
  }
}

/**
 * Changes only the buttons of the pressed message (none when `keyboard` is absent). Nothing to
 * change is success; a message that can no longer be edited is sent again, as text, with the new buttons.
 */
export async function showButtonsInPlace(ctx: Context, keyboard?: InlineKeyboard): Promise<void> {
  try {
    await ctx.editMessageReplyMarkup(keyboard ? { reply_markup: keyboard } : undefined);
  } catch (error) {
    if (isNotModified(error)) return;
    if (!cannotEdit(error)) throw error;
    const text = ctx.callbackQuery?.message?.text;
    if (keyboard && text) await ctx.reply(text, { entities: ctx.callbackQuery?.message?.entities, reply_markup: keyboard });
  }
}
