import type { MiddlewareFn } from "grammy";
import type { BotContext } from "../../bot/context.js";
import { isAdmin, isStaff } from "../people/people.service.js";
import { recordAudit } from "./audit.service.js";

/**
 * Refuses politely, and audits the attempt: someone trying staff actions is worth knowing about.
 * A button gets its answer as a notice on the button, a command as a reply.
 */
async function refuse(ctx: BotContext, key: string): Promise<void> {
  if (ctx.from) {
    const target = ctx.callbackQuery?.data ?? ctx.message?.text?.split(/[\s@]/)[0] ?? "";
    await recordAudit(ctx.deps.db, { actorId: ctx.from.id, action: "access.denied", target }, ctx.deps.clock());
  }
  if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: ctx.t(key) }).catch(() => undefined);
  else await ctx.reply(ctx.t(key));
}

/**
 * Lets only staff and admins through, reading the role from the database at this moment: a
 * button's callback data proves nothing (it can be forged or stale), and a role may have been
 * taken away a second ago. Use as `composer.command("stats", staffOnly(), handler)`.
 */
export function staffOnly(refusal = "staff.only"): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    if (ctx.from && (await isStaff(ctx.deps.db, ctx.from.id))) return next();
    await refuse(ctx, refusal);
  };
}

/** Lets only admins through; staff are told `forStaff` (it is for admins), everyone else `forOthers`. */
export function adminOnly(forStaff = "staff.admins_only", forOthers = "staff.only"): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    if (ctx.from && (await isAdmin(ctx.deps.db, ctx.from.id))) return next();
    await refuse(ctx, forStaff !== forOthers && ctx.from && (await isStaff(ctx.deps.db, ctx.from.id)) ? forStaff : forOthers);
  };
}

/** Whether the sender is staff now, without refusing (for handlers that pass others on). */
export const isStaffNow = async (ctx: BotContext): Promise<boolean> => !!ctx.from && (await isStaff(ctx.deps.db, ctx.from.id));

/** Whether the sender is an admin now, without refusing. */
export const isAdminNow = async (ctx: BotContext): Promise<boolean> => !!ctx.from && (await isAdmin(ctx.deps.db, ctx.from.id));
