import { InlineKeyboard } from "grammy";
import type { Message } from "grammy/types";
import { LOCALES, type Locale } from "../../config.js";
import type { RegistrationStatus } from "../../db/schema.js";
import type { Audience } from "../../services/audience.js";
import { type BroadcastContent, parseSendTime, type VersionKey } from "../../services/broadcasts.js";
import { todayIn } from "../../services/dates.js";
import { messageProblem, type OutgoingMessage, type TextEntity } from "../../services/outbox.js";
import type { BotConversation, ConversationContext } from "../context.js";
import { ask, type Cancelled, type Reading } from "./ask.js";

/** /broadcast while composing shows the current question again. */
export const REPEAT_BROADCAST = { repeatCommand: /^\/broadcast(@\w+)?(\s|$)/ };

/** Buttons of the broadcast conversation; `su:` marks buttons a conversation owns (see ask.ts). */
export const bcButton = (suffix: string) => `su:bc:${suffix}`;

const STATUSES: RegistrationStatus[] = ["approved", "pending", "waitlisted", "offered", "rejected", "cancelled", "expired"];
/** Registrations of fairs that ended longer ago than this are not offered as an audience. */
const RECENT_FAIR_DAYS = 90;

const withCancel = (ctx: ConversationContext, keyboard: InlineKeyboard) => keyboard.row().text(ctx.t("broadcast.compose.cancel_button"), "su:cancel");

/** A button reader: the value whose button was pressed, if it is one of `values`. */
function pick<T extends string>(pattern: RegExp, values: readonly T[]) {
  return (answer: ConversationContext): Reading<T> => {
    const value = pattern.exec(answer.callbackQuery?.data ?? "")?.[1] as T | undefined;
    return value !== undefined && values.includes(value) ? { value } : undefined;
  };
}

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
  return ask<OutgoingMessage>(conversation, ctx, prompt, (answer) => {
    const outgoing = outgoingFrom(answer.message);
    if (!outgoing) return undefined;
    const problem = messageProblem(outgoing);
    if (!problem) return { value: outgoing };
    const what = ctx.t(outgoing.type === "text" ? "broadcast.compose.what_text" : "broadcast.compose.what_caption");
    return { error: ctx.t("broadcast.compose.too_long", { length: problem.length, limit: problem.limit, what }) };
  }, REPEAT_BROADCAST);
}

export const versionName = (ctx: ConversationContext, version: VersionKey) =>
  version === "default" ? ctx.t("broadcast.compose.version_default") : ctx.t(`broadcast.languages.${version}`);

/** Optional versions per language: each recipient gets theirs, the others the default. */
export async function askVersions(conversation: BotConversation, ctx: ConversationContext, content: BroadcastContent): Promise<void | Cancelled> {
  for (;;) {
    const prompt = () => {
      const keyboard = new InlineKeyboard();
      for (const locale of LOCALES) keyboard.text(`${content[locale] ? "✅ " : "➕ "}${ctx.t(`broadcast.languages.${locale}`)}`, bcButton(`v:${locale}`));
      keyboard.row().text(ctx.t("broadcast.compose.continue_button"), bcButton("v:next"));
      return { text: ctx.t("broadcast.compose.versions"), keyboard: withCancel(ctx, keyboard) };
    };
    const choice = await ask(conversation, ctx, prompt, pick(/^su:bc:v:(\w+)$/, [...LOCALES, "next"] as const), REPEAT_BROADCAST);
    if (choice === "cancelled") return choice;
    if (choice === "next") return;
    const version = await askMessage(conversation, ctx, ctx.t("broadcast.compose.ask_version", { language: ctx.t(`broadcast.languages.${choice}`) }));
    if (version === "cancelled") return version;
    content[choice] = version;
  }
}

interface AudienceChoices {
  fairs: Array<{ id: string; name: string }>;
  sectors: Array<{ id: string; name: string }>;
  provinces: string[];
}

async function audienceChoices(conversation: BotConversation, ctx: ConversationContext): Promise<AudienceChoices> {
  return conversation.external(async () => {
    const { catalog } = await ctx.deps.catalog.get();
    const since = todayIn(new Date(ctx.deps.clock().getTime() - RECENT_FAIR_DAYS * 86_400_000), ctx.deps.config.timezone);
    const fairs = [...catalog.fairs.values()].filter((f) => f.endsOn >= since).sort((a, b) => a.startsOn.localeCompare(b.startsOn));
    return {
      fairs: fairs.map((f) => ({ id: f.id, name: f.name[ctx.locale] })),
      sectors: [...catalog.sectors.values()].map((s) => ({ id: s.id, name: s.name[ctx.locale] })),
      provinces: [...new Set([...catalog.fairs.values()].map((f) => f.province))].sort((a, b) => a.localeCompare(b, "vi")),
    };
  });
}

/** One button per item, two a row. */
function listKeyboard(ctx: ConversationContext, items: Array<{ label: string; data: string }>) {
  const keyboard = new InlineKeyboard();
  items.forEach((item, i) => {
    keyboard.text(item.label, item.data);
    if (i % 2 === 1) keyboard.row();
  });
  return withCancel(ctx, keyboard);
}

async function askStatuses(conversation: BotConversation, ctx: ConversationContext): Promise<RegistrationStatus[] | Cancelled> {
  const selected = new Set<RegistrationStatus>(["approved"]);
  const keyboard = () =>
    listKeyboard(ctx, STATUSES.map((s) => ({ label: `${selected.has(s) ? "✅ " : ""}${ctx.t(`broadcast.status.${s}`)}`, data: bcButton(`st:${s}`) })))
      .row()
      .text(ctx.t("broadcast.compose.done_button"), bcButton("st:done"));
  const read = async (answer: ConversationContext): Promise<Reading<RegistrationStatus[]>> => {
    const data = answer.callbackQuery?.data ?? "";
    if (data === bcButton("st:done")) return selected.size > 0 ? { value: STATUSES.filter((s) => selected.has(s)) } : { error: ctx.t("broadcast.compose.statuses_none") };
    const toggled = /^su:bc:st:(\w+)$/.exec(data)?.[1] as RegistrationStatus | undefined;
    if (!toggled || !STATUSES.includes(toggled)) return undefined;
    if (selected.has(toggled)) selected.delete(toggled);
    else selected.add(toggled);
    await answer.editMessageReplyMarkup({ reply_markup: keyboard() }).catch(() => undefined);
    return { again: true };
  };
  return ask(conversation, ctx, () => ({ text: ctx.t("broadcast.compose.ask_statuses"), keyboard: keyboard() }), read, REPEAT_BROADCAST);
}

/** Who gets the broadcast: all active users, registrants of a fair by status, a sector, a province or a language. */
export async function chooseAudience(conversation: BotConversation, ctx: ConversationContext): Promise<Audience | Cancelled> {
  const kinds = ["all", "fair", "sector", "province", "language"] as const;
  for (;;) {
    const kindPrompt = () => ({
      text: ctx.t("broadcast.compose.ask_audience"),
      keyboard: withCancel(ctx, kinds.reduce((kb, kind) => kb.text(ctx.t(`broadcast.compose.audience_${kind}`), bcButton(`a:${kind}`)).row(), new InlineKeyboard())),
    });
    const kind = await ask(conversation, ctx, kindPrompt, pick(/^su:bc:a:(\w+)$/, kinds), REPEAT_BROADCAST);
    if (kind === "cancelled") return kind;
    if (kind === "all") return { type: "all" };
    if (kind === "language") {
      const prompt = () => ({ text: ctx.t("broadcast.compose.ask_language"), keyboard: listKeyboard(ctx, LOCALES.map((l) => ({ label: ctx.t(`broadcast.languages.${l}`), data: bcButton(`l:${l}`) }))) });
      const locale = await ask<Locale>(conversation, ctx, prompt, pick(/^su:bc:l:(\w+)$/, LOCALES), REPEAT_BROADCAST);
      return locale === "cancelled" ? locale : { type: "language", locale };
    }
    const choices = await audienceChoices(conversation, ctx);
    const items =
      kind === "fair" ? choices.fairs.map((f) => ({ label: f.name, data: bcButton(`f:${f.id}`), id: f.id }))
      : kind === "sector" ? choices.sectors.map((s) => ({ label: s.name, data: bcButton(`s:${s.id}`), id: s.id }))
      : choices.provinces.map((p, i) => ({ label: p, data: bcButton(`p:${i}`), id: String(i) }));
    if (items.length === 0) {
      await ctx.reply(ctx.t("broadcast.compose.no_choices"));
      continue;
    }
    const prefix = { fair: "f", sector: "s", province: "p" }[kind];
    const prompt = () => ({ text: ctx.t(`broadcast.compose.ask_${kind}`), keyboard: listKeyboard(ctx, items) });
    const id = await ask(conversation, ctx, prompt, pick(new RegExp(`^su:bc:${prefix}:([a-z0-9-]+)$`), items.map((i) => i.id)), REPEAT_BROADCAST);
    if (id === "cancelled") return id;
    if (kind === "sector") return { type: "sector", sectorId: id };
    if (kind === "province") return { type: "province", province: choices.provinces[Number(id)]! };
    const statuses = await askStatuses(conversation, ctx);
    return statuses === "cancelled" ? statuses : { type: "registrants", fairId: id, statuses };
  }
}

/** Now (null) or a time in the future, typed in the offices' zone. */
export async function chooseTime(conversation: BotConversation, ctx: ConversationContext): Promise<Date | null | Cancelled> {
  const prompt = () => ({
    text: ctx.t("broadcast.compose.ask_time"),
    keyboard: withCancel(ctx, new InlineKeyboard().text(ctx.t("broadcast.compose.now_button"), bcButton("t:now")).text(ctx.t("broadcast.compose.later_button"), bcButton("t:later"))),
  });
  const when = await ask(conversation, ctx, prompt, pick(/^su:bc:t:(\w+)$/, ["now", "later"] as const), REPEAT_BROADCAST);
  if (when === "cancelled") return when;
  if (when === "now") return null;
  const zone = ctx.deps.config.timezone;
  const example = "25/12/2026 08:00";
  const timePrompt = () => ({ text: ctx.t("broadcast.compose.ask_when", { zone, example }), keyboard: withCancel(ctx, new InlineKeyboard()) });
  const at = await ask<number>(conversation, ctx, timePrompt, async (answer) => {
    const text = answer.message?.text;
    if (text === undefined) return undefined;
    const now = await conversation.external(() => ctx.deps.clock().getTime());
    const parsed = parseSendTime(text, zone, new Date(now));
    if (parsed === undefined) return { error: ctx.t("broadcast.compose.bad_time", { example }) };
    if (parsed === "past") return { error: ctx.t("broadcast.compose.past_time") };
    return { value: parsed.getTime() };
  }, REPEAT_BROADCAST);
  return at === "cancelled" ? at : new Date(at);
}
