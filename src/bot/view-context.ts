import type { Catalog } from "../domain/catalog.js";
import type { Locale } from "../domain/locale.js";
import type { Translate } from "../domain/translate.js";
import type { BotContext } from "./context.js";

/** What a view is drawn from: the reader's language, the catalog, and the moment. */
export interface ViewContext {
  t: Translate;
  locale: Locale;
  catalog: Catalog;
  now: Date;
  /** The offices' zone, where days are counted. */
  timezone: string;
}

/** The view context of this update, optionally in another language than the user's. */
export async function viewContext(ctx: BotContext, locale: Locale = ctx.locale): Promise<ViewContext> {
  const catalog = await ctx.deps.catalog.get();
  const t = locale === ctx.locale ? ctx.t : ctx.deps.i18n.translator(locale);
  return { t, locale, catalog, now: ctx.deps.clock(), timezone: ctx.deps.config.timezone };
}
