import { setUserLanguage } from "./users.repository.js";
import { callbackPattern } from "../catalog/catalog.callbacks.js";
import type { BotContext } from "../../bot/context.js";
import { Feature } from "../../bot/router.js";
import { isLocale } from "../../platform/telegram/i18n.js";
import { languageKeyboard, mainMenu } from "../../bot/menu.js";
import { acknowledge } from "../../platform/telegram/send.js";

export const languageFeature = new Feature<BotContext>();

const askLanguage = async (ctx: BotContext) => {
  await ctx.reply(ctx.t("language.choose"), { reply_markup: languageKeyboard() });
};

languageFeature.command("language", askLanguage);
languageFeature.callbackQuery("menu:language", async (ctx) => {
  await acknowledge(ctx);
  await askLanguage(ctx);
});

languageFeature.callbackQuery(callbackPattern.language, async (ctx) => {
  const locale = ctx.match[1];
  if (!isLocale(locale)) return acknowledge(ctx);
  await setUserLanguage(ctx.deps.db, ctx.from.id, locale);
  ctx.locale = locale;
  ctx.t = ctx.deps.i18n.translator(locale);
  await acknowledge(ctx, ctx.t("language.changed"));
  await ctx.editMessageText(ctx.t("language.changed"), { reply_markup: mainMenu(ctx.t) });
});
