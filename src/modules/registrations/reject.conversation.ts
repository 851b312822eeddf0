import { InlineKeyboard } from "grammy";
import { ask, show } from "../../bot/ask.js";
import type { BotConversation, ConversationContext } from "../../bot/context.js";
import { registrationNotifier } from "./notices.js";
import { decideRegistration } from "./registrations.service.js";

export const REJECT = "reject";

/** A staff member gives the reason for a rejection; the applicant is told it in their language. */
export async function reject(
  conversation: BotConversation,
  ctx: ConversationContext,
  id: number,
  reference: string,
): Promise<void> {
  const prompt = () => ({
    text: ctx.t("review.ask_reason", { reference }),
    keyboard: new InlineKeyboard().text(ctx.t("signup.cancel_button"), "su:cancel"),
  });
  const reason = await ask<string>(conversation, ctx, prompt, (answer) => {
    // In a staff group only the member who pressed Reject answers (the state is kept per member).
    const text = answer.message?.text?.trim();
    if (text === undefined) return undefined;
    return text.length >= 3 && text.length <= 500 ? { value: text } : { error: ctx.t("review.reason_length") };
  });
  if (reason === "cancelled") return void (await show(ctx, { text: ctx.t("review.reject_cancelled", { reference }) }));
  const outcome = await conversation.external(async (outer) => {
    const notify = await registrationNotifier(ctx.deps);
    const result = await decideRegistration(
      ctx.deps.db,
      id,
      outer.from!.id,
      { approve: false, reason },
      ctx.deps.clock(),
      notify,
    );
    if (result.kind !== "decided")
      return { kind: result.kind, status: result.kind === "not_pending" ? result.registration.status : null };
    return { kind: result.kind, status: result.registration.status };
  });
  if (outcome.kind === "missing") return void (await show(ctx, { text: ctx.t("common.not_found") }));
  if (outcome.kind === "not_pending")
    return void (await show(ctx, {
      text: ctx.t("review.already", { reference, status: ctx.t(`registration.status.${outcome.status}`) }),
    }));
  await show(ctx, { text: ctx.t("review.rejected", { reference, name: ctx.from?.first_name ?? "", reason }) });
}
