import { Composer } from "grammy";
import { acknowledge } from "../platform/telegram/send.js";
import type { BotContext } from "./context.js";

/** Last in line: unknown commands get a pointer to /help, stale buttons stop spinning. */
export const fallback = new Composer<BotContext>();

fallback.chatType("private").on("message:text", async (ctx) => {
  await ctx.reply(ctx.t("common.unknown_command"));
});

fallback.on("callback_query", async (ctx) => {
  await acknowledge(ctx, ctx.t("common.not_found"));
});
