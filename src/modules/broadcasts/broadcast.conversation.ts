import { InlineKeyboard } from "grammy";
import { ask, show } from "../../bot/ask.js";
import type { BotConversation, ConversationContext } from "../../bot/context.js";
import { formatDateTimeIn } from "../../domain/dates.js";
import type { OutgoingMessage } from "../../platform/outbox/message.js";
import { sendOutgoing } from "../../platform/outbox/telegram-transport.js";
import { isStaff } from "../people/people.service.js";
import { recordAudit } from "../staff/audit.service.js";
import { type Audience, resolveAudience } from "./audience.service.js";
import { audienceLabel } from "./broadcast.views.js";
import { chooseAudience } from "./broadcast-audience.js";
import { askMessage, askVersions, bcButton, chooseTime, REPEAT_BROADCAST, versionName } from "./broadcast-steps.js";
import { type BroadcastContent, BroadcastRefused, createBroadcast, versionFor, versionsOf } from "./broadcasts.service.js";

export const BROADCAST = "broadcast";

/** How many of the audience get each version, and the audience in words. */
async function countAudience(
  conversation: BotConversation,
  ctx: ConversationContext,
  audience: Audience,
  content: BroadcastContent,
) {
  return conversation.external(async () => {
    const recipients = await resolveAudience(ctx.deps.db, audience, ctx.deps.config.defaultLocale);
    const byVersion: Record<string, number> = {};
    for (const r of recipients) byVersion[versionFor(content, r.locale)] = (byVersion[versionFor(content, r.locale)] ?? 0) + 1;
    const catalog = await ctx.deps.catalog.get();
    return { total: recipients.length, byVersion, label: audienceLabel(ctx.t, ctx.locale, catalog, audience) };
  });
}

/** Each version, sent exactly as its recipients will get it. */
async function preview(ctx: ConversationContext, content: BroadcastContent, byVersion: Record<string, number>): Promise<void> {
  for (const version of versionsOf(content)) {
    await ctx.reply(ctx.t("broadcast.compose.preview", { version: versionName(ctx, version), count: byVersion[version] ?? 0 }), {
      parse_mode: "HTML",
    });
    await sendOutgoing(ctx.api, ctx.chat!.id, content[version] as OutgoingMessage);
  }
}

async function leave(ctx: ConversationContext): Promise<void> {
  await show(ctx, { text: ctx.t("broadcast.compose.cancelled") });
}

/**
 * /broadcast: the message (and optional versions per language) → the audience, with its size →
 * a preview as recipients will see it → now or later → confirm. Confirming writes the broadcast
 * and its outbox rows in one transaction; the status message sent here is then kept up to date.
 */
export async function broadcast(conversation: BotConversation, ctx: ConversationContext): Promise<void> {
  const first = await askMessage(conversation, ctx, ctx.t("broadcast.compose.ask_message"));
  if (first === "cancelled") return leave(ctx);
  const content: BroadcastContent = { default: first };
  if ((await askVersions(conversation, ctx, content)) === "cancelled") return leave(ctx);

  let audience: Audience;
  let counted: Awaited<ReturnType<typeof countAudience>>;
  for (;;) {
    const chosen = await chooseAudience(conversation, ctx);
    if (chosen === "cancelled") return leave(ctx);
    audience = chosen;
    counted = await countAudience(conversation, ctx, audience, content);
    if (counted.total > 0) break;
    await show(ctx, { text: ctx.t("broadcast.compose.nobody", { audience: counted.label }) });
  }

  await preview(ctx, content, counted.byVersion);
  const sendAt = await chooseTime(conversation, ctx);
  if (sendAt === "cancelled") return leave(ctx);

  const when = sendAt
    ? formatDateTimeIn(sendAt.toISOString(), ctx.deps.config.timezone, ctx.locale)
    : ctx.t("broadcast.compose.when_now");
  const versions = versionsOf(content)
    .map((v) => versionName(ctx, v))
    .join(ctx.t("common.separator"));
  const summary = () => ({
    text: ctx.t("broadcast.compose.summary", { audience: counted.label, count: counted.total, versions, when }),
    keyboard: new InlineKeyboard()
      .text(ctx.t("broadcast.compose.confirm_button"), bcButton("ok"))
      .row()
      .text(ctx.t("broadcast.compose.cancel_button"), "su:cancel"),
  });
  const confirmed = await ask(
    conversation,
    ctx,
    summary,
    (answer) => (answer.callbackQuery?.data === bcButton("ok") ? { value: true } : undefined),
    REPEAT_BROADCAST,
  );
  if (confirmed === "cancelled") return leave(ctx);

  const outcome = await conversation.external(async (outer) => {
    const { db, clock, config, logger } = ctx.deps;
    const author = outer.from!.id;
    // The role is read again now: it may have been taken away while the message was composed.
    if (!(await isStaff(db, author))) return { kind: "not_staff" as const };
    const status = await outer.api.sendMessage(outer.chat!.id, ctx.t("broadcast.compose.queuing"));
    const now = clock();
    try {
      const created = await createBroadcast(
        db,
        {
          createdBy: author,
          content,
          audience,
          sendAt: sendAt ?? now,
          defaultLocale: config.defaultLocale,
          statusMessage: { chatId: outer.chat!.id, messageId: status.message_id },
        },
        now,
      );
      await recordAudit(
        db,
        {
          actorId: author,
          action: "broadcast.create",
          target: `broadcast:${created.id}`,
          recipients: created.recipients,
          details: { audience, versions: versionsOf(content), sendAt: sendAt?.toISOString() ?? null },
        },
        now,
      );
      ctx.deps.outbox?.wake();
      const text = sendAt
        ? ctx.t("outbox.scheduled", { id: created.id, when, total: created.recipients })
        : ctx.t("outbox.queued", { id: created.id, total: created.recipients });
      await outer.api
        .editMessageText(outer.chat!.id, status.message_id, text, { parse_mode: "HTML" })
        .catch((error: unknown) => logger.warn({ err: error }, "status message edit failed"));
      return { kind: "queued" as const };
    } catch (error) {
      if (!(error instanceof BroadcastRefused)) throw error;
      await outer.api.deleteMessage(outer.chat!.id, status.message_id).catch(() => undefined);
      return { kind: "refused" as const, problem: error.problem.kind };
    }
  });
  if (outcome.kind === "not_staff") return void (await show(ctx, { text: ctx.t("broadcast.compose.not_staff") }));
  if (outcome.kind === "refused")
    return void (await show(ctx, {
      text: ctx.t(outcome.problem === "no_recipients" ? "broadcast.compose.nobody_now" : "broadcast.compose.refused"),
    }));
  await show(ctx, { text: ctx.t("broadcast.compose.queued_hint") });
}
