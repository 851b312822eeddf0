import type { BotModule } from "../../bot/module.js";
import { posterComposer } from "./poster.composer.js";
import { siteRoutes } from "./site.routes.js";

/**
 * The fairs beyond Telegram: a public, read-only web site with calendar feeds on the bot's HTTP
 * server, and QR codes that open the bot at a fair (the PNG for posters is a staff button).
 */
export const siteModule: BotModule = {
  name: "site",
  composer: posterComposer,
  routes: (deps, bot) =>
    siteRoutes({
      db: deps.db,
      catalog: deps.catalog,
      i18n: deps.i18n,
      clock: deps.clock,
      timezone: deps.config.timezone,
      defaultLocale: deps.config.defaultLocale,
      botUsername: bot.username,
      siteUrl: deps.config.siteUrl,
    }),
};
