import path from "node:path";
import { Composer, InputFile } from "grammy";
import type { BotContext } from "../../bot/context.js";
import type { RegistrationRow } from "../../platform/db/schema.js";
import { storedFilePath } from "../../platform/files/stored-files.js";
import { showButtonsInPlace } from "../../platform/telegram/edit.js";
import { acknowledge } from "../../platform/telegram/send.js";
import { staffOnly } from "../staff/access.service.js";
import { registrationNotifier } from "./notices.js";
import { decisionButton } from "./registrations.callbacks.js";
import { findRegistration } from "./registrations.repository.js";
import { type DecisionResult, decideRegistration } from "./registrations.service.js";
import { REJECT } from "./reject.conversation.js";
import { staffKeyboard } from "./staff-card.js";

/** Approve / Reject / Licence buttons on the registrations sent to staff. */
export const reviewComposer = new Composer<BotContext>();

export const staffOnlyHere = staffOnly("review.not_allowed");

/**
 * Sends a registration's licence into the chat where it was asked for: the bot's own copy when it
 * kept one, always, so what staff open is what a restored backup holds and it still opens after a
 * change of bot token or once Telegram has dropped the file. Registrations from before the bot kept
 * copies (or restored without their files) fall back to Telegram's file_id.
 */
export async function replyWithLicence(ctx: BotContext, row: RegistrationRow): Promise<void> {
  if (!row.licence_file_id && !row.licence_path) return;
  const caption = ctx.t("review.licence_caption", { reference: row.reference, company: row.company });
  const stored = row.licence_path ? storedFilePath(ctx.deps.config.dataDir, row.licence_path) : undefined;
  if (row.licence_path && !stored) ctx.deps.logger.warn({ path: row.licence_path }, "licence: the stored copy is missing");
  const file = stored ? new InputFile(stored, `${row.reference}${path.extname(stored)}`) : row.licence_file_id;
  try {
    if (!file) throw new Error("no licence copy and no file_id");
    if (row.licence_kind === "photo") await ctx.replyWithPhoto(file, { caption, parse_mode: "HTML" });
    else await ctx.replyWithDocument(file, { caption, parse_mode: "HTML" });
  } catch (error) {
    ctx.deps.logger.warn({ err: error, registration: row.id }, "licence: could not be sent to staff");
    await ctx.reply(ctx.t("review.licence_unavailable", { reference: row.reference }), { parse_mode: "HTML" });
  }
}

/** Approves for the staff member who pressed; the applicant, and every staff notice, hear of it through the outbox. */
export async function approve(ctx: BotContext, id: number): Promise<DecisionResult> {
  const { db, clock } = ctx.deps;
  return decideRegistration(db, id, ctx.from!.id, { approve: true }, clock(), await registrationNotifier(ctx.deps));
}

/** The toast for a press on a registration decided meanwhile (by someone else, or by a press a moment ago). */
export const alreadyDecided = (ctx: BotContext, row: RegistrationRow) =>
  ctx.t("review.already", { reference: row.reference, status: ctx.t(`registration.status.${row.status}`) });

reviewComposer.callbackQuery(decisionButton.pattern, staffOnlyHere, async (ctx) => {
  const [action, id] = decisionButton.read(ctx.match);
  const current = await findRegistration(ctx.deps.db, id);
  if (!current) return acknowledge(ctx, ctx.t("common.not_found"));
  if (action === "lic") {
    await acknowledge(ctx);
    return replyWithLicence(ctx, current);
  }
  if (current.status !== "pending") return acknowledge(ctx, alreadyDecided(ctx, current));
  if (action === "no") {
    await acknowledge(ctx);
    await ctx.conversation.exitAll();
    return ctx.conversation.enter(REJECT, id, current.reference);
  }
  const result = await approve(ctx, id);
  if (result.kind === "not_pending") return acknowledge(ctx, alreadyDecided(ctx, result.registration));
  if (result.kind !== "decided") return acknowledge(ctx, ctx.t("common.not_found"));
  await acknowledge(ctx);
  // The outbox edits every copy of the notice; this one changes at once for the one who pressed.
  await showButtonsInPlace(ctx, staffKeyboard(ctx.t, result.registration));
  await ctx.reply(ctx.t("review.approved", { reference: current.reference, name: ctx.from.first_name }));
});
