import type { BotContext } from "../../bot/context.js";
import { lazyConversation } from "../../bot/conversations.js";
import { Feature } from "../../bot/router.js";
import { BROADCAST, broadcast } from "./broadcast.conversation.js";

/** /broadcast (staff, private chat): composing a broadcast is a conversation, kept across restarts. */
export const broadcastFeature = new Feature<BotContext>();

const composing = lazyConversation(broadcast, BROADCAST);
broadcastFeature.use(composing.middleware);

broadcastFeature.chatType("private").command("broadcast", async (ctx) => {
  // Inside the conversation /broadcast repeats the question; reaching here means none is active.
  await ctx.conversation.exitAll();
  await composing.enter(ctx);
});

broadcastFeature.command("broadcast", async (ctx) => {
  await ctx.reply(ctx.t("broadcast.compose.private_only"));
});
