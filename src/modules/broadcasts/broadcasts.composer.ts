import { InlineKeyboard } from "grammy";
import { recordAudit } from "../staff/audit.repository.js";
import { broadcastCounts, findBroadcast, listRecentBroadcasts } from "./broadcasts.repository.js";
import { findUser } from "../people/users.repository.js";
import { cancelBroadcast, parseAudience, progressOf } from "./broadcasts.service.js";
import { formatDateTimeIn } from "../../domain/dates.js";
import type { BotContext } from "../../bot/context.js";
import { Feature } from "../../bot/router.js";
import { isStaffNow } from "../../bot/filters/staff.js";
import { acknowledge, sendView } from "../../platform/telegram/send.js";
import { audienceLabel } from "./broadcast.views.js";

/** /broadcasts: recent broadcasts with their figures; ones still running can be cancelled. */
export const broadcastsFeature = new Feature<BotContext>();

const RECENT = 10;
const CANCEL = /^bc:(stop|stop!|keep):(\d{1,9})$/;
export const cancelCallback = {
  ask: (id: number) => `bc:stop:${id}`,
  confirm: (id: number) => `bc:stop!:${id}`,
  keep: (id: number) => `bc:keep:${id}`,
};

broadcastsFeature.command("broadcasts", async (ctx) => {
  const { db, config } = ctx.deps;
  const { catalog } = await ctx.deps.catalog.get();
  const broadcasts = await listRecentBroadcasts(db, RECENT);
  if (broadcasts.length === 0) return ctx.reply(ctx.t("broadcast.list_none"));
  const lines = [ctx.t("broadcast.list_title")];
  const keyboard = new InlineKeyboard();
  for (const b of broadcasts) {
    const p = progressOf(b.recipients, await broadcastCounts(db, b));
    const author = await findUser(db, b.created_by);
    lines.push(
      "",
      ctx.t("broadcast.list_item", {
        id: b.id,
        when: formatDateTimeIn(b.send_at, config.timezone, ctx.locale),
        author: author?.first_name ?? String(b.created_by),
        audience: audienceLabel(ctx.t, ctx.locale, catalog, parseAudience(b)),
        state: ctx.t(`broadcast.states.${b.status}`),
        sent: p.sent,
        total: p.total,
        failed: p.failed,
        blocked: p.blocked,
      }),
    );
    if (b.status === "scheduled" || b.status === "sending") keyboard.text(ctx.t("broadcast.cancel_button", { id: b.id }), cancelCallback.ask(b.id)).row();
  }
  await sendView(ctx, { text: lines.join("\n"), keyboard });
});

broadcastsFeature.callbackQuery(CANCEL, async (ctx) => {
  if (!(await isStaffNow(ctx))) return acknowledge(ctx, ctx.t("staff.only"));
  const { db, clock } = ctx.deps;
  const id = Number(ctx.match[2]);
  const broadcast = await findBroadcast(db, id);
  if (!broadcast) return acknowledge(ctx, ctx.t("common.not_found"));
  await acknowledge(ctx);
  const running = broadcast.status === "scheduled" || broadcast.status === "sending";
  if (!running) return ctx.editMessageText(ctx.t("broadcast.cancel_too_late", { id }));
  if (ctx.match[1] === "keep") return ctx.editMessageText(ctx.t("broadcast.kept", { id }));
  if (ctx.match[1] === "stop") {
    const p = progressOf(broadcast.recipients, await broadcastCounts(db, broadcast));
    return ctx.reply(ctx.t("broadcast.cancel_confirm", { id, left: p.remaining }), {
      reply_markup: new InlineKeyboard().text(ctx.t("broadcast.cancel_yes"), cancelCallback.confirm(id)).text(ctx.t("broadcast.cancel_no"), cancelCallback.keep(id)),
    });
  }
  const result = await cancelBroadcast(db, id, ctx.from.id, clock());
  if (!result.cancelled) return ctx.editMessageText(ctx.t("broadcast.cancel_too_late", { id }));
  await recordAudit(db, { actorId: ctx.from.id, action: "broadcast.cancel", target: `broadcast:${id}`, recipients: result.dropped }, clock());
  await ctx.editMessageText(ctx.t("broadcast.cancelled", { id, dropped: result.dropped }));
});
