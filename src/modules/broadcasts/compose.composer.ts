import { Composer } from "grammy";
import type { BotContext } from "../../bot/context.js";
import { staffOnly } from "../staff/access.service.js";
import { BROADCAST } from "./broadcast.conversation.js";

/** /broadcast (staff, private chat): composing a broadcast is a conversation, kept across restarts. */
export const composeComposer = new Composer<BotContext>();

composeComposer.command("broadcast", staffOnly(), async (ctx) => {
  if (ctx.chat.type !== "private") return void (await ctx.reply(ctx.t("broadcast.compose.private_only")));
  // Inside the conversation /broadcast repeats the question; reaching here means none is active.
  await ctx.conversation.exitAll();
  await ctx.conversation.enter(BROADCAST);
});
