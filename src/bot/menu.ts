import { type Context, InlineKeyboard } from "grammy";
import type { Translate } from "../domain/translate.js";
import { defineCallback } from "../platform/telegram/callback.js";

/** The main menu's buttons; the modules that own each list answer them. */
export const menuButton = defineCallback("menu", ["fairs", "deadlines", "gates", "contacts", "register", "mine", "language"]);

export function mainMenu(t: Translate): InlineKeyboard {
  return new InlineKeyboard()
    .text(t("menu.fairs"), menuButton.pack("fairs"))
    .text(t("menu.deadlines"), menuButton.pack("deadlines"))
    .row()
    .text(t("menu.gates"), menuButton.pack("gates"))
    .text(t("menu.contacts"), menuButton.pack("contacts"))
    .row()
    .text(t("menu.register"), menuButton.pack("register"))
    .text(t("menu.mine"), menuButton.pack("mine"))
    .row()
    .text(t("menu.language"), menuButton.pack("language"));
}

/** The greeting of /start, with the main menu. */
export async function sendWelcome(ctx: Context & { t: Translate }): Promise<void> {
  await ctx.reply(ctx.t("start.greeting", { name: ctx.from?.first_name ?? "" }), {
    parse_mode: "HTML",
    reply_markup: mainMenu(ctx.t),
  });
}
