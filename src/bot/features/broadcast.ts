import { createConversation } from "@grammyjs/conversations";
import type { BotContext, ConversationContext } from "../context.js";
import { Feature } from "../router.js";
import { BROADCAST, broadcast } from "../conversations/broadcast.js";

/** /broadcast (staff, private chat): composing a broadcast is a conversation, kept across restarts. */
export const broadcastFeature = new Feature<BotContext>();

broadcastFeature.use(createConversation<BotContext, ConversationContext>(broadcast, BROADCAST));

broadcastFeature.chatType("private").command("broadcast", async (ctx) => {
  // Inside the conversation /broadcast repeats the question; reaching here means none is active.
  await ctx.conversation.exitAll();
  await ctx.conversation.enter(BROADCAST);
});

broadcastFeature.command("broadcast", async (ctx) => {
  await ctx.reply(ctx.t("broadcast.compose.private_only"));
});
