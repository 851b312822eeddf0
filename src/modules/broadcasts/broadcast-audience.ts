import { InlineKeyboard } from "grammy";
import { ask, type Cancelled, pick, type Reading } from "../../bot/ask.js";
import type { BotConversation, ConversationContext } from "../../bot/context.js";
import { todayIn } from "../../domain/dates.js";
import { LOCALES, type Locale } from "../../domain/locale.js";
import { provinceName } from "../../domain/province.js";
import type { RegistrationStatus } from "../../domain/registration.js";
import { showButtonsInPlace } from "../../platform/telegram/edit.js";
import type { Audience } from "./audience.service.js";
import { bcButton, REPEAT_BROADCAST, withCancel } from "./broadcast-steps.js";

const STATUSES: RegistrationStatus[] = ["approved", "pending", "waitlisted", "offered", "rejected", "cancelled", "expired"];
/** Fairs that ended longer ago than this are not offered as an audience. */
const RECENT_FAIR_DAYS = 90;

interface AudienceChoices {
  fairs: Array<{ id: string; name: string }>;
  sectors: Array<{ id: string; name: string }>;
  provinces: string[];
}

async function audienceChoices(conversation: BotConversation, ctx: ConversationContext): Promise<AudienceChoices> {
  return conversation.external(async () => {
    const catalog = await ctx.deps.catalog.get();
    const since = todayIn(new Date(ctx.deps.clock().getTime() - RECENT_FAIR_DAYS * 86_400_000), ctx.deps.config.timezone);
    const fairs = [...catalog.fairs.values()]
      .filter((f) => f.endsOn >= since)
      .sort((a, b) => a.startsOn.localeCompare(b.startsOn));
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
    listKeyboard(
      ctx,
      STATUSES.map((s) => ({
        label: `${selected.has(s) ? "✅ " : ""}${ctx.t(`broadcast.status.${s}`)}`,
        data: bcButton(`st:${s}`),
      })),
    )
      .row()
      .text(ctx.t("broadcast.compose.done_button"), bcButton("st:done"));
  const read = async (answer: ConversationContext): Promise<Reading<RegistrationStatus[]>> => {
    const data = answer.callbackQuery?.data ?? "";
    if (data === bcButton("st:done"))
      return selected.size > 0
        ? { value: STATUSES.filter((s) => selected.has(s)) }
        : { error: ctx.t("broadcast.compose.statuses_none") };
    const toggled = /^su:bc:st:(\w+)$/.exec(data)?.[1] as RegistrationStatus | undefined;
    if (!toggled || !STATUSES.includes(toggled)) return undefined;
    if (selected.has(toggled)) selected.delete(toggled);
    else selected.add(toggled);
    await showButtonsInPlace(answer, keyboard()).catch(() => undefined);
    return { again: true };
  };
  return ask(
    conversation,
    ctx,
    () => ({ text: ctx.t("broadcast.compose.ask_statuses"), keyboard: keyboard() }),
    read,
    REPEAT_BROADCAST,
  );
}

/** Who gets the broadcast: all active users, registrants of a fair by status, a sector, a province or a language. */
export async function chooseAudience(conversation: BotConversation, ctx: ConversationContext): Promise<Audience | Cancelled> {
  const kinds = ["all", "subscribers", "fair", "sector", "province", "language"] as const;
  for (;;) {
    const kindPrompt = () => ({
      text: ctx.t("broadcast.compose.ask_audience"),
      keyboard: withCancel(
        ctx,
        kinds.reduce(
          (kb, kind) => kb.text(ctx.t(`broadcast.compose.audience_${kind}`), bcButton(`a:${kind}`)).row(),
          new InlineKeyboard(),
        ),
      ),
    });
    const kind = await ask(conversation, ctx, kindPrompt, pick(/^su:bc:a:(\w+)$/, kinds), REPEAT_BROADCAST);
    if (kind === "cancelled") return kind;
    if (kind === "all") return { type: "all" };
    if (kind === "language") {
      const prompt = () => ({
        text: ctx.t("broadcast.compose.ask_language"),
        keyboard: listKeyboard(
          ctx,
          LOCALES.map((l) => ({ label: ctx.t(`broadcast.languages.${l}`), data: bcButton(`l:${l}`) })),
        ),
      });
      const locale = await ask<Locale>(conversation, ctx, prompt, pick(/^su:bc:l:(\w+)$/, LOCALES), REPEAT_BROADCAST);
      return locale === "cancelled" ? locale : { type: "language", locale };
    }
    const choices = await audienceChoices(conversation, ctx);
    const items =
      kind === "fair" || kind === "subscribers"
        ? choices.fairs.map((f) => ({ label: f.name, data: bcButton(`f:${f.id}`), id: f.id }))
        : kind === "sector"
          ? choices.sectors.map((s) => ({ label: s.name, data: bcButton(`s:${s.id}`), id: s.id }))
          : choices.provinces.map((p, i) => ({ label: provinceName(ctx.t, p), data: bcButton(`p:${i}`), id: String(i) }));
    if (items.length === 0) {
      await ctx.reply(ctx.t("broadcast.compose.no_choices"));
      continue;
    }
    const prefix = { subscribers: "f", fair: "f", sector: "s", province: "p" }[kind];
    const prompt = () => ({ text: ctx.t(`broadcast.compose.ask_${kind}`), keyboard: listKeyboard(ctx, items) });
    const id = await ask(
      conversation,
      ctx,
      prompt,
      pick(
        new RegExp(`^su:bc:${prefix}:([a-z0-9-]+)$`),
        items.map((i) => i.id),
      ),
      REPEAT_BROADCAST,
    );
    if (id === "cancelled") return id;
    if (kind === "sector") return { type: "sector", sectorId: id };
    if (kind === "province") return { type: "province", province: choices.provinces[Number(id)]! };
    if (kind === "subscribers") return { type: "subscribers", fairId: id };
    const statuses = await askStatuses(conversation, ctx);
    return statuses === "cancelled" ? statuses : { type: "registrants", fairId: id, statuses };
  }
}
