import { Composer } from "grammy";
import type { BotContext } from "../../bot/context.js";
import { acknowledge } from "../../platform/telegram/send.js";
import { staffOnly } from "../staff/access.service.js";
import { registrationNotifier } from "./notices.js";
import { decisionButton } from "./registrations.callbacks.js";
import { findRegistration } from "./registrations.repository.js";
import { decideRegistration } from "./registrations.service.js";
import { REJECT } from "./reject.conversation.js";

/** Approve / Reject / Licence buttons on the registrations sent to staff. */
export const reviewComposer = new Composer<BotContext>();

reviewComposer.callbackQuery(decisionButton.pattern, staffOnly("review.not_allowed"), async (ctx) => {
  const [action, id] = decisionButton.read(ctx.match);
  const current = await findRegistration(ctx.deps.db, id);
  if (!current) return acknowledge(ctx, ctx.t("common.not_found"));
  if (action === "lic") {
    await acknowledge(ctx);
    if (!current.licence_file_id) return;
    const caption = ctx.t("review.licence_caption", { reference: current.reference, company: current.company });
    if (current.licence_kind === "photo") await ctx.replyWithPhoto(current.licence_file_id, { caption, parse_mode: "HTML" });
    else await ctx.replyWithDocument(current.licence_file_id, { caption, parse_mode: "HTML" });
    return;
  }
  if (current.status !== "pending") {
    return acknowledge(
      ctx,
      ctx.t("review.already", { reference: current.reference, status: ctx.t(`registration.status.${current.status}`) }),
    );
  }
  await acknowledge(ctx);
  if (action === "no") {
    await ctx.conversation.exitAll();
    return ctx.conversation.enter(REJECT, id, current.reference);
  }
  const { db, clock } = ctx.deps;
  const result = await decideRegistration(db, id, ctx.from.id, { approve: true }, clock(), await registrationNotifier(ctx.deps));
  if (result.kind !== "decided") return;
  await ctx.editMessageReplyMarkup({ reply_markup: undefined }).catch(() => undefined);
  await ctx.reply(ctx.t("review.approved", { reference: current.reference, name: ctx.from.first_name }));
});
