import { setUserActive } from "./users.repository.js";
import type { BotContext } from "../../bot/context.js";
import { Feature } from "../../bot/router.js";

/**
 * Blocking the bot makes a user inactive, so broadcasts skip them; unblocking makes them active
 * again (as does writing to the bot, see touchUser).
 */
export const membershipFeature = new Feature<BotContext>();

membershipFeature.chatType("private").on("my_chat_member", async (ctx) => {
  const status = ctx.myChatMember.new_chat_member.status;
  await setUserActive(ctx.deps.db, ctx.myChatMember.from.id, status !== "kicked" && status !== "left");
});
