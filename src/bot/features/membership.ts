import { Composer } from "grammy";
import { setUserActive } from "../../db/repositories/users.js";
import type { BotContext } from "../context.js";

/**
 * Whether a user can be written to: blocking the bot makes them inactive (so broadcasts skip
 * them), unblocking or writing again makes them active.
 */
export const membershipFeature = new Composer<BotContext>();

membershipFeature.chatType("private").on("my_chat_member", async (ctx) => {
  const status = ctx.myChatMember.new_chat_member.status;
  await setUserActive(ctx.deps.db, ctx.myChatMember.from.id, status !== "kicked" && status !== "left");
});

membershipFeature.chatType("private").on("message", async (ctx, next) => {
  if (ctx.user && ctx.user.active === 0) {
    await setUserActive(ctx.deps.db, ctx.user.id, true);
    ctx.user = { ...ctx.user, active: 1 };
  }
  await next();
});
