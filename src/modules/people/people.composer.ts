import { Composer, InlineKeyboard } from "grammy";
import type { BotContext } from "../../bot/context.js";
import { isDeepLink, isStartLink } from "../../bot/deep-links.js";
import { mainMenu, menuButton, sendWelcome } from "../../bot/menu.js";
import { LOCALES, type Locale } from "../../domain/locale.js";
import { defineCallback } from "../../platform/telegram/callback.js";
import { showInPlace } from "../../platform/telegram/edit.js";
import { acknowledge } from "../../platform/telegram/send.js";
import { setUserActive, setUserLanguage } from "./users.repository.js";

/** /start, /help, /language, and who has blocked the bot. */
export const peopleComposer = new Composer<BotContext>();

const languageButton = defineCallback("lang", LOCALES);
const LANGUAGE_NAMES: Record<Locale, string> = { vi: "🇻🇳 Tiếng Việt", zh: "🇨🇳 中文", en: "🇬🇧 English" };

peopleComposer.command("start", async (ctx, next) => {
  // A link into the bot (t.me/<bot>?start=register, a fair's QR code: fair-<id>) is answered by
  // the module it points into.
  if ((ctx.chat.type === "private" && isDeepLink(ctx.match.trim())) || isStartLink(ctx.match)) return next();
  await sendWelcome(ctx);
});

peopleComposer.command("help", async (ctx) => {
  await ctx.reply(ctx.t("help.text"), { parse_mode: "HTML", reply_markup: mainMenu(ctx.t) });
});

const askLanguage = async (ctx: BotContext) => {
  const keyboard = new InlineKeyboard();
  for (const locale of LOCALES) keyboard.text(LANGUAGE_NAMES[locale], languageButton.pack(locale));
  await ctx.reply(ctx.t("language.choose"), { reply_markup: keyboard });
};

peopleComposer.command("language", askLanguage);
peopleComposer.callbackQuery(menuButton.pack("language"), async (ctx) => {
  await acknowledge(ctx);
  await askLanguage(ctx);
});

peopleComposer.callbackQuery(languageButton.pattern, async (ctx) => {
  const [locale] = languageButton.read(ctx.match);
  await setUserLanguage(ctx.deps.db, ctx.from.id, locale);
  ctx.locale = locale;
  ctx.t = ctx.deps.i18n.translator(locale);
  await acknowledge(ctx, ctx.t("language.changed"));
  await showInPlace(ctx, { text: ctx.t("language.changed"), keyboard: mainMenu(ctx.t) });
});

// Blocking the bot makes a user inactive, so broadcasts skip them; unblocking makes them active
// again (as does writing to the bot, see touchUser).
peopleComposer.chatType("private").on("my_chat_member", async (ctx) => {
  const status = ctx.myChatMember.new_chat_member.status;
  await setUserActive(ctx.deps.db, ctx.myChatMember.from.id, status !== "kicked" && status !== "left");
});
