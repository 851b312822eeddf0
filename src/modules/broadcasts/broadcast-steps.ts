import { InlineKeyboard } from "grammy";
import type { Message } from "grammy/types";
import { ask, type Cancelled, pick } from "../../bot/ask.js";
import type { BotConversation, ConversationContext } from "../../bot/context.js";
import { LOCALES } from "../../domain/locale.js";
import { messageProblem, type OutgoingMessage, type TextEntity } from "../../platform/outbox/message.js";
import { type BroadcastContent, parseSendTime, type VersionKey } from "./broadcasts.service.js";

/** /broadcast while composing shows the current question again. */
export const REPEAT_BROADCAST = { repeatCommand: /^\/broadcast(@\w+)?(\s|$)/ };

/** Buttons of the broadcast conversation; `su:` marks buttons a conversation owns (see ask.ts). */
export const bcButton = (suffix: string) => `su:bc:${suffix}`;

export const withCancel = (ctx: ConversationContext, keyboard: InlineKeyboard) =>
  keyboard.row().text(ctx.t("broadcast.compose.cancel_button"), "su:cancel");

/** The message a staff member sent, as the outbox will send it: text with its entities, or a photo or document with caption. */
export function outgoingFrom(message: Message | undefined): OutgoingMessage | undefined {
  if (!message) return undefined;
  const entities = (message.entities ?? message.caption_entities) as TextEntity[] | undefined;
  if (message.text !== undefined) return { type: "text", text: message.text, ...(entities ? { entities } : {}) };
  const caption = message.caption !== undefined ? { caption: message.caption, ...(entities ? { entities } : {}) } : {};
  const photo = message.photo?.at(-1);
  if (photo) return { type: "photo", fileId: photo.file_id, ...caption };
  if (message.document) return { type: "document", fileId: message.document.file_id, ...caption };
  return undefined;
}

/** Asks for a message; one over Telegram's limits is refused with the reason, before anything is queued. */
export function askMessage(conversation: BotConversation, ctx: ConversationContext, text: string) {
  const prompt = () => ({ text, keyboard: withCancel(ctx, new InlineKeyboard()) });
  return ask<OutgoingMessage>(
    conversation,
    ctx,
    prompt,
    (answer) => {
      const outgoing = outgoingFrom(answer.message);
      if (!outgoing) return undefined;
      const problem = messageProblem(outgoing);
      if (!problem) return { value: outgoing };
      const what = ctx.t(outgoing.type === "text" ? "broadcast.compose.what_text" : "broadcast.compose.what_caption");
      return { error: ctx.t("broadcast.compose.too_long", { length: problem.length, limit: problem.limit, what }) };
    },
    REPEAT_BROADCAST,
  );
}

export const versionName = (ctx: ConversationContext, version: VersionKey) =>
  version === "default" ? ctx.t("broadcast.compose.version_default") : ctx.t(`broadcast.languages.${version}`);

/** Optional versions per language: each recipient gets theirs, the others the default. */
export async function askVersions(
  conversation: BotConversation,
  ctx: ConversationContext,
  content: BroadcastContent,
): Promise<undefined | Cancelled> {
  for (;;) {
    const prompt = () => {
      const keyboard = new InlineKeyboard();
      for (const locale of LOCALES)
        keyboard.text(`${content[locale] ? "✅ " : "➕ "}${ctx.t(`broadcast.languages.${locale}`)}`, bcButton(`v:${locale}`));
      keyboard.row().text(ctx.t("broadcast.compose.continue_button"), bcButton("v:next"));
      return { text: ctx.t("broadcast.compose.versions"), keyboard: withCancel(ctx, keyboard) };
    };
    const choice = await ask(conversation, ctx, prompt, pick(/^su:bc:v:(\w+)$/, [...LOCALES, "next"] as const), REPEAT_BROADCAST);
    if (choice === "cancelled") return choice;
    if (choice === "next") return;
    const version = await askMessage(
      conversation,
      ctx,
      ctx.t("broadcast.compose.ask_version", { language: ctx.t(`broadcast.languages.${choice}`) }),
    );
    if (version === "cancelled") return version;
    content[choice] = version;
  }
}

/** Now (null) or a time in the future, typed in the offices' zone. */
export async function chooseTime(conversation: BotConversation, ctx: ConversationContext): Promise<Date | null | Cancelled> {
  const prompt = () => ({
    text: ctx.t("broadcast.compose.ask_time"),
    keyboard: withCancel(
      ctx,
      new InlineKeyboard()
        .text(ctx.t("broadcast.compose.now_button"), bcButton("t:now"))
        .text(ctx.t("broadcast.compose.later_button"), bcButton("t:later")),
    ),
  });
  const when = await ask(conversation, ctx, prompt, pick(/^su:bc:t:(\w+)$/, ["now", "later"] as const), REPEAT_BROADCAST);
  if (when === "cancelled") return when;
  if (when === "now") return null;
  const zone = ctx.deps.config.timezone;
  const example = "25/12/2026 08:00";
  const timePrompt = () => ({
    text: ctx.t("broadcast.compose.ask_when", { zone, example }),
    keyboard: withCancel(ctx, new InlineKeyboard()),
  });
  const at = await ask<number>(
    conversation,
    ctx,
    timePrompt,
    async (answer) => {
      const text = answer.message?.text;
      if (text === undefined) return undefined;
      const now = await conversation.external(() => ctx.deps.clock().getTime());
      const parsed = parseSendTime(text, zone, new Date(now));
      if (parsed === undefined) return { error: ctx.t("broadcast.compose.bad_time", { example }) };
      if (parsed === "past") return { error: ctx.t("broadcast.compose.past_time") };
      return { value: parsed.getTime() };
    },
    REPEAT_BROADCAST,
  );
  return at === "cancelled" ? at : new Date(at);
}
