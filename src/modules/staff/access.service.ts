import { recordAudit } from "./audit.repository.js";
import { isStaff } from "../people/users.repository.js";
import type { BotContext } from "../../bot/context.js";
import { acknowledge } from "../../platform/telegram/send.js";

/**
 * Whether the sender is staff now, read from the database at this moment: a button's callback data
 * proves nothing (it can be forged or stale). Others get a polite refusal and nothing changes.
 */
export async function ensureStaff(ctx: BotContext): Promise<boolean> {
  if (ctx.from && (await isStaff(ctx.deps.db, ctx.from.id))) return true;
  // Someone trying staff actions is worth knowing about: audited like the staff commands' refusals.
  const target = ctx.callbackQuery?.data ?? ctx.message?.text?.split(/[\s@]/)[0] ?? "";
  if (ctx.from) await recordAudit(ctx.deps.db, { actorId: ctx.from.id, action: "access.denied", target }, ctx.deps.clock());
  if (ctx.callbackQuery) await acknowledge(ctx, ctx.t("review.not_allowed"));
  else await ctx.reply(ctx.t("review.not_allowed"));
  return false;
}
