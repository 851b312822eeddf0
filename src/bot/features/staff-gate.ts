import { recordAudit } from "../../modules/staff/audit.repository.js";
import { STAFF_COMMANDS } from "../commands.js";
import type { BotContext } from "../context.js";
import { Feature } from "../router.js";
import { isAdminNow, isStaffNow } from "../filters/staff.js";

/**
 * Staff commands, refused politely to everyone else before any feature sees them. The refusal is
 * audited: someone trying staff commands is worth knowing about.
 */
export const staffGateFeature = new Feature<BotContext>();

async function refuse(ctx: BotContext, key: string) {
  if (ctx.from) {
    const command = ctx.message?.text?.split(/[\s@]/)[0] ?? "";
    await recordAudit(ctx.deps.db, { actorId: ctx.from.id, action: "access.denied", target: command }, ctx.deps.clock());
  }
  await ctx.reply(ctx.t(key));
}

// /registrations belongs to the sign-up feature, which refuses it with its own words.
const GATED = STAFF_COMMANDS.filter((command) => command !== "registrations");

staffGateFeature.command(GATED, async (ctx, next) => {
  if (await isStaffNow(ctx)) return next();
  await refuse(ctx, "staff.only");
});

staffGateFeature.command("staff", async (ctx, next) => {
  if (await isAdminNow(ctx)) return next();
  await refuse(ctx, (await isStaffNow(ctx)) ? "staff.admins_only" : "staff.only");
});

staffGateFeature.command("audit", async (ctx, next) => {
  if (await isAdminNow(ctx)) return next();
  await refuse(ctx, (await isStaffNow(ctx)) ? "audit.admins_only" : "staff.only");
});
