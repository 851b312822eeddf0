import { InlineKeyboard } from "grammy";
import { ask, pick, show } from "../../bot/ask.js";
import type { BotConversation, ConversationContext } from "../../bot/context.js";
import { REJECT_CODES, type RejectCode } from "../../domain/registration.js";
import { Html } from "../../domain/translate.js";
import { escapeHtml } from "../../platform/telegram/html.js";
import { isStaff } from "../people/people.service.js";
import { registrationNotifier, registrationView } from "./notices.js";
import { deskPageButton } from "./registrations.callbacks.js";
import { decideRegistration } from "./registrations.service.js";
import { loadDeskPage } from "./review-desk.service.js";
import { deskView } from "./review-desk.views.js";

export const REJECT = "reject";

const NOTE_MAX = 500;

/** Where the staff member came from: the review desk's page, to go back to it. */
export interface RejectOrigin {
  fairId: string;
  page: number;
  /** The desk's message, redrawn once the decision is made. */
  messageId?: number;
}

/**
 * A staff member turns a registration down: a preset reason (the applicant reads it in their own
 * language), then, optionally, a note in the office's own words, sent as written and labelled so.
 * "Other" needs the note. In a staff group only the member who pressed Reject answers.
 */
export async function reject(
  conversation: BotConversation,
  ctx: ConversationContext,
  id: number,
  reference: string,
  origin?: RejectOrigin,
): Promise<void> {
  const cancel = () => new InlineKeyboard().text(ctx.t("signup.cancel_button"), "su:cancel");
  const backToDesk = () =>
    origin ? new InlineKeyboard().text(ctx.t("review.back_to_desk"), deskPageButton.pack(origin.fairId, origin.page)) : undefined;
  const cancelled = () => show(ctx, { text: ctx.t("review.reject_cancelled", { reference }), keyboard: backToDesk() });

  const code = await ask<RejectCode>(
    conversation,
    ctx,
    () => {
      const keyboard = new InlineKeyboard();
      for (const code of REJECT_CODES) keyboard.text(ctx.t(`review.reject_reason.${code}`), `su:why:${code}`).row();
      return {
        text: ctx.t("review.ask_reason", { reference }),
        keyboard: keyboard.text(ctx.t("signup.cancel_button"), "su:cancel"),
      };
    },
    pick(/^su:why:(\w+)$/, REJECT_CODES),
  );
  if (code === "cancelled") return void (await cancelled());

  const required = code === "other";
  // In a group the note is asked as a reply to the question, so the member's chat with colleagues
  // is never taken for it; there are no buttons there: "-" skips it, /cancel stops.
  const inGroup = ctx.chat?.type !== "private";
  const groupPrompt = () => ({
    text: ctx.t(required ? "review.ask_note_required_group" : "review.ask_note_group", {
      reference,
      member: new Html(`<a href="tg://user?id=${ctx.from?.id}">${escapeHtml(ctx.from?.first_name ?? "")}</a>`),
    }),
    forceReply: { placeholder: ctx.t("review.note_placeholder") },
  });
  const privatePrompt = () => ({
    text: ctx.t(required ? "review.ask_note_required" : "review.ask_note", { reference }),
    keyboard: required
      ? cancel()
      : new InlineKeyboard().text(ctx.t("signup.skip_button"), "su:skip").row().text(ctx.t("signup.cancel_button"), "su:cancel"),
  });
  const note = await ask<string | null>(conversation, ctx, inGroup ? groupPrompt : privatePrompt, (answer) => {
    if (!required && answer.callbackQuery?.data === "su:skip") return { value: null };
    const text = answer.message?.text?.trim();
    if (text === undefined) return undefined;
    if (inGroup && !required && text === "-") return { value: null };
    return text.length >= 3 && text.length <= NOTE_MAX ? { value: text } : { error: ctx.t("review.reason_length") };
  });
  if (note === "cancelled") return void (await cancelled());

  const outcome = await conversation.external(async (outer) => {
    // The role is read again now, as the broadcast's confirmation does: it may have been taken
    // away while the reason was chosen and written, and a decision is recorded under this id.
    if (!(await isStaff(ctx.deps.db, outer.from!.id))) return { kind: "not_staff" as const, status: null };
    const notify = await registrationNotifier(ctx.deps);
    const result = await decideRegistration(
      ctx.deps.db,
      id,
      outer.from!.id,
      { approve: false, code, note },
      ctx.deps.clock(),
      notify,
    );
    if (result.kind === "missing") return { kind: result.kind, status: null };
    return { kind: result.kind, status: result.registration.status };
  });
  if (outcome.kind === "not_staff") return void (await show(ctx, { text: ctx.t("review.reject_not_staff", { reference }) }));
  if (outcome.kind === "missing") return void (await show(ctx, { text: ctx.t("common.not_found"), keyboard: backToDesk() }));
  if (outcome.kind === "not_pending")
    return void (await show(ctx, {
      text: ctx.t("review.already", { reference, status: ctx.t(`registration.status.${outcome.status}`) }),
      keyboard: backToDesk(),
    }));
  if (origin?.messageId !== undefined) await redrawDesk(conversation, ctx, origin);
  const reason = [ctx.t(`review.reject_reason.${code}`), note].filter(Boolean).join(" — ");
  await show(ctx, {
    text: ctx.t("review.rejected", { reference, name: ctx.from?.first_name ?? "", reason }),
    keyboard: backToDesk(),
  });
}

/** The desk page the Reject was pressed on, drawn again: the decision shows where it was made. */
async function redrawDesk(conversation: BotConversation, ctx: ConversationContext, origin: RejectOrigin): Promise<void> {
  const page = await conversation.external(async () => {
    const fair = (await ctx.deps.catalog.get()).fairs.get(origin.fairId);
    if (!fair) return undefined;
    const desk = await loadDeskPage(ctx.deps.db, fair, origin.page, ctx.deps.config.defaultLocale);
    const { text, keyboard } = deskView(await registrationView(ctx.deps, ctx.locale), desk);
    return { text, markup: keyboard.inline_keyboard };
  });
  if (!page || ctx.chat === undefined) return;
  await ctx.api
    .editMessageText(ctx.chat.id, origin.messageId!, page.text, {
      parse_mode: "HTML",
      reply_markup: { inline_keyboard: page.markup },
      link_preview_options: { is_disabled: true },
    })
    .catch(() => undefined);
}
