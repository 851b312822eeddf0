import { InlineKeyboard } from "grammy";
import type { Prompt, Reading } from "../../bot/ask.js";
import type { ConversationContext } from "../../bot/context.js";
import type { ValidationErrorCode } from "./validation.js";

/** The sign-up's Cancel button, on a row of its own under any other buttons. */
export const withCancel = (ctx: ConversationContext, keyboard = new InlineKeyboard()) =>
  (keyboard.inline_keyboard.flat().length > 0 ? keyboard.row() : keyboard).text(ctx.t("signup.cancel_button"), "su:cancel");
export const textPrompt = (ctx: ConversationContext, key: string, data?: Record<string, string | number>) => (): Prompt => ({
  text: ctx.t(key, data),
  keyboard: withCancel(ctx),
});

export type Validator<T> = (text: string) => { ok: true; value: T } | { ok: false; error: ValidationErrorCode; max?: number };

/** Reads a text answer through a validator and turns its error code into the translated reason. */
export function textReader<T>(
  validate: Validator<T>,
  ctx: ConversationContext,
  errorKey = (code: ValidationErrorCode) => `signup.errors.${code}`,
) {
  return (answer: ConversationContext): Reading<T> => {
    const text = answer.message?.text;
    if (text === undefined) return undefined;
    const result = validate(text);
    if (result.ok) return { value: result.value };
    return { error: ctx.t(errorKey(result.error), result.max === undefined ? {} : { max: result.max }) };
  };
}
