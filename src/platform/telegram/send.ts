import type { InlineKeyboard } from "grammy";
import type { Locale } from "../../config.js";
import type { SearchIndex } from "../../modules/catalog/search.js";
import type { BotContext } from "../../bot/context.js";
import type { ViewContext } from "../../modules/catalog/fair.views.js";

const MESSAGE_LIMIT = 4096;

/** The view context for this update (with the search index), optionally in another language than the user's. */
export async function viewContext(ctx: BotContext, locale: Locale = ctx.locale): Promise<ViewContext & { index: SearchIndex }> {
  const { catalog, index } = await ctx.deps.catalog.get();
  const t = locale === ctx.locale ? ctx.t : ctx.deps.i18n.translator(locale);
  return { t, locale, catalog, index, now: ctx.deps.clock(), timezone: ctx.deps.config.timezone };
}

/** Splits at line breaks so no message passes Telegram's 4096-character limit. */
export function splitMessage(text: string, limit = MESSAGE_LIMIT): string[] {
  if (text.length <= limit) return [text];
  const parts: string[] = [];
  let current = "";
  for (const line of text.split("\n")) {
    const candidate = current ? `${current}\n${line}` : line;
    if (candidate.length <= limit) {
      current = candidate;
      continue;
    }
    if (current) parts.push(current);
    current = line.length <= limit ? line : line.slice(0, limit);
  }
  if (current) parts.push(current);
  return parts;
}

/** Sends HTML text with its keyboard on the last part. */
export async function sendView(ctx: BotContext, view: { text: string; keyboard?: InlineKeyboard }): Promise<void> {
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

/** Answers a button press (stopping its spinner) without failing the update if it is too old. */
export async function acknowledge(ctx: BotContext, text?: string): Promise<void> {
  await ctx.answerCallbackQuery(text ? { text } : undefined).catch((error: unknown) => {
    ctx.deps.logger.debug({ err: error }, "answerCallbackQuery failed");
  });
}
