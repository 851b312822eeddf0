import { InlineKeyboard } from "grammy";
import { callbackData } from "../modules/catalog/catalog.callbacks.js";
import type { Translate } from "../platform/telegram/i18n.js";

export function mainMenu(t: Translate): InlineKeyboard {
  return new InlineKeyboard()
    .text(t("menu.fairs"), callbackData.menu("fairs"))
    .text(t("menu.deadlines"), callbackData.menu("deadlines"))
    .row()
    .text(t("menu.gates"), callbackData.menu("gates"))
    .text(t("menu.contacts"), callbackData.menu("contacts"))
    .row()
    .text(t("menu.language"), callbackData.menu("language"));
}

export function languageKeyboard(): InlineKeyboard {
  return new InlineKeyboard()
    .text("🇻🇳 Tiếng Việt", callbackData.language("vi"))
    .text("🇨🇳 中文", callbackData.language("zh"))
    .text("🇬🇧 English", callbackData.language("en"));
}
