import { Composer, InlineKeyboard } from "grammy";
import type { BotContext } from "../../bot/context.js";
import { formatDateTimeIn } from "../../domain/dates.js";
import { showInPlace } from "../../platform/telegram/edit.js";
import { acknowledge, sendView } from "../../platform/telegram/send.js";
import { findUser } from "../people/people.service.js";
import { staffOnly } from "../staff/access.service.js";
import { recordAudit } from "../staff/audit.service.js";
import { audienceLabel } from "./broadcast.views.js";
import { cancelBroadcastButton } from "./broadcasts.callbacks.js";
import { broadcastCounts, findBroadcast, listRecentBroadcasts } from "./broadcasts.repository.js";
import { cancelBroadcast, parseAudience, progressOf } from "./broadcasts.service.js";

/** /broadcasts: recent broadcasts with their figures; ones still running can be cancelled. */
export const broadcastsComposer = new Composer<BotContext>();

const RECENT = 10;

broadcastsComposer.command("broadcasts", staffOnly(), async (ctx) => {
  const { db, config } = ctx.deps;
  const catalog = await ctx.deps.catalog.get();
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
    if (b.status === "scheduled" || b.status === "sending")
      keyboard.text(ctx.t("broadcast.cancel_button", { id: b.id }), cancelBroadcastButton.pack("stop", b.id)).row();
  }
  await sendView(ctx, { text: lines.join("\n"), keyboard });
});

broadcastsComposer.callbackQuery(cancelBroadcastButton.pattern, staffOnly(), async (ctx) => {
  const { db, clock } = ctx.deps;
  const [action, id] = cancelBroadcastButton.read(ctx.match);
  const broadcast = await findBroadcast(db, id);
  if (!broadcast) return acknowledge(ctx, ctx.t("common.not_found"));
  await acknowledge(ctx);
  const running = broadcast.status === "scheduled" || broadcast.status === "sending";
  if (!running) return showInPlace(ctx, { text: ctx.t("broadcast.cancel_too_late", { id }) });
  if (action === "keep") return showInPlace(ctx, { text: ctx.t("broadcast.kept", { id }) });
  if (action === "stop") {
    const p = progressOf(broadcast.recipients, await broadcastCounts(db, broadcast));
    return ctx.reply(ctx.t("broadcast.cancel_confirm", { id, left: p.remaining }), {
      reply_markup: new InlineKeyboard()
        .text(ctx.t("broadcast.cancel_yes"), cancelBroadcastButton.pack("stop!", id))
        .text(ctx.t("broadcast.cancel_no"), cancelBroadcastButton.pack("keep", id)),
    });
  }
  const result = await cancelBroadcast(db, id, ctx.from.id, clock());
  if (!result.cancelled) return showInPlace(ctx, { text: ctx.t("broadcast.cancel_too_late", { id }) });
  await recordAudit(
    db,
    { actorId: ctx.from.id, action: "broadcast.cancel", target: `broadcast:${id}`, recipients: result.dropped },
    clock(),
  );
  await showInPlace(ctx, { text: ctx.t("broadcast.cancelled", { id, dropped: result.dropped }) });
});
