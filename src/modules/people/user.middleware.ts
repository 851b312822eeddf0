import type { MiddlewareFn } from "grammy";
import { touchUser } from "./users.repository.js";
import { localeFromLanguageCode } from "../../domain/locale.js";
import type { BotContext, BotDeps } from "../../bot/context.js";
import { isLocale } from "../../platform/telegram/i18n.js";

/** Puts deps, the user's row and their language on the context before any feature runs. */
export function userMiddleware(deps: BotDeps): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    ctx.deps = deps;
    const from = ctx.from;
    const wrote = ctx.message !== undefined && ctx.chat?.type === "private";
    ctx.user = from && !from.is_bot ? await touchUser(deps.db, from, deps.clock(), wrote) : undefined;
    const chosen = ctx.user?.language;
    ctx.locale = isLocale(chosen) ? chosen : localeFromLanguageCode(from?.language_code, deps.config.defaultLocale);
    ctx.t = deps.i18n.translator(ctx.locale);
    await next();
  };
}
