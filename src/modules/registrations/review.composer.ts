import { findRegistration } from "./registrations.repository.js";
import { decideRegistration } from "./registrations.service.js";
import { callbackPattern } from "../catalog/catalog.callbacks.js";
import type { BotContext } from "../../bot/context.js";
import { lazyConversation } from "../../bot/conversations.js";
import { Feature } from "../../bot/router.js";
import { REJECT, reject } from "./reject.conversation.js";
import { notifyApplicant } from "./notices.js";
import { acknowledge } from "../../platform/telegram/send.js";
import { ensureStaff } from "../staff/access.service.js";

/** Approve / Reject / Licence buttons on the registrations sent to staff. */
export const staffReviewFeature = new Feature<BotContext>();

const rejecting = lazyConversation(reject, REJECT);
staffReviewFeature.use(rejecting.middleware);

staffReviewFeature.callbackQuery(callbackPattern.staffDecision, async (ctx) => {
  if (!(await ensureStaff(ctx))) return;
  const action = ctx.match[1];
  const id = Number(ctx.match[2]);
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
    return acknowledge(ctx, ctx.t("review.already", { reference: current.reference, status: ctx.t(`registration.status.${current.status}`) }));
  }
  await acknowledge(ctx);
  if (action === "no") {
    await ctx.conversation.exitAll();
    return rejecting.enter(ctx, id, current.reference);
  }
  const result = await decideRegistration(ctx.deps.db, id, ctx.from.id, { approve: true }, ctx.deps.clock());
  if (result.kind !== "decided") return;
  await ctx.editMessageReplyMarkup({ reply_markup: undefined }).catch(() => undefined);
  await ctx.reply(ctx.t("review.approved", { reference: current.reference, name: ctx.from.first_name }));
  await notifyApplicant(ctx.api, ctx.deps, result.registration, "approved");
});
