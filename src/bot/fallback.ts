import { Composer } from "grammy";
import { showButtonsInPlace } from "../platform/telegram/edit.js";
import { acknowledge } from "../platform/telegram/send.js";
import { OWN_BUTTON } from "./ask.js";
import type { BotContext } from "./context.js";

/** Last in line: unknown commands get a pointer to /help, stale buttons stop spinning. */
export const fallback = new Composer<BotContext>();

fallback.chatType("private").on("message:text", async (ctx) => {
  await ctx.reply(ctx.t("common.unknown_command"));
});

// Outside a form the bot reads words and buttons only; a sticker or a voice note still gets an
// answer rather than silence. (A document is left alone: staff send data files, and a stray one
// from a business is not worth a reply.)
fallback
  .chatType("private")
  .on(
    ["message:sticker", "message:voice", "message:audio", "message:video_note", "message:photo", "message:location"],
    async (ctx) => {
      await ctx.reply(ctx.t("common.media_hint"), { parse_mode: "HTML" });
    },
  );

fallback.on("callback_query", async (ctx) => {
  // A button of a form no longer open (finished, left, or reset by an update): say so, and take its buttons away.
  if (OWN_BUTTON.test(ctx.callbackQuery.data ?? "")) {
    // In a group the question may be another member's, still open: its buttons stay.
    if (ctx.chat?.type !== "private") return acknowledge(ctx, ctx.t("common.not_found"));
    await acknowledge(ctx, ctx.t("signup.form_closed"));
    return showButtonsInPlace(ctx);
  }
  await acknowledge(ctx, ctx.t("common.not_found"));
});
