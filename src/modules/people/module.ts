import type { MiddlewareFn } from "grammy";
import type { BotContext } from "../../bot/context.js";
import type { BotModule } from "../../bot/module.js";
import { resolveLocale } from "../../domain/locale.js";
import { peopleComposer } from "./people.composer.js";
import { touchUser } from "./users.repository.js";

/** The user's row and their language, on the context of every update before anything else runs. */
const knowTheUser: MiddlewareFn<BotContext> = async (ctx, next) => {
  const { db, clock, config, i18n } = ctx.deps;
  const from = ctx.from;
  // A message in their private chat: a user marked inactive (blocked the bot) is active again.
  const wrote = ctx.message !== undefined && ctx.chat?.type === "private";
  ctx.user = from && !from.is_bot ? await touchUser(db, from, clock(), wrote) : undefined;
  ctx.locale = resolveLocale({ language: ctx.user?.language, language_code: from?.language_code }, config.defaultLocale);
  ctx.t = i18n.translator(ctx.locale);
  await next();
};

/** Who uses the bot: their row, language and greeting. */
export const peopleModule: BotModule = {
  name: "people",
  composer: peopleComposer,
  context: knowTheUser,
  commands: {
    public: [
      { command: "start", description: "commands.start" },
      { command: "help", description: "commands.help" },
      { command: "language", description: "commands.language" },
    ],
  },
};
