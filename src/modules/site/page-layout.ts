import type { Catalog } from "../../domain/catalog.js";
import { LOCALES, type Locale } from "../../domain/locale.js";
import type { Translate } from "../../domain/translate.js";
import { escapeHtml } from "../../platform/telegram/html.js";
import { STYLESHEET_PATH } from "./site-style.js";

/** What a public page is drawn from: the reader's language, the catalog, the moment, the site's address. */
export interface SiteView {
  t: Translate;
  locale: Locale;
  catalog: Catalog;
  now: Date;
  /** The offices' zone, where days are counted. */
  timezone: string;
  /** The site's public origin, e.g. https://fairs.example.vn, for absolute links (feeds, Open Graph). */
  origin: string;
  /** Each language's name in itself, for the language switch. */
  languageNames: Record<Locale, string>;
}

/** The language tag of an HTML page (Chinese is written in simplified characters). */
const HTML_LANG: Record<Locale, string> = { vi: "vi", zh: "zh-Hans", en: "en" };
/** Open Graph's locale of each language. */
export const OG_LOCALE: Record<Locale, string> = { vi: "vi_VN", zh: "zh_CN", en: "en_US" };

/** A path on the site with its query, the language kept (so links stay in the reader's language). */
export function sitePath(path: string, locale: Locale, params: Record<string, string | undefined> = {}): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) query.set(key, value);
  query.set("lang", locale);
  return `${path}?${query.toString()}`;
}

/** An attribute value or text, escaped. */
export const esc = escapeHtml;

/** JSON to put in a <script> element: "<" escaped, so no "</script>" can end it early. */
export const scriptJson = (value: unknown): string => JSON.stringify(value).replace(/</g, "\\u003c");

export interface PageParts {
  title: string;
  /** The page's path and query without the language, for the language switch. */
  path: string;
  params?: Record<string, string | undefined>;
  description?: string;
  /** More of <head>: Open Graph, JSON-LD, feed links. */
  head?: string;
  main: string;
}

/** A whole page: header with the sections and the language switch, the content, a footer. */
export function layout(view: SiteView, page: PageParts): string {
  const { t, locale } = view;
  const nav = (["fairs", "gates", "contacts"] as const)
    .map((section) => `<a href="${esc(sitePath(`/${section}`, locale))}">${esc(t(`menu.${section}`))}</a>`)
    .join("");
  const languages = LOCALES.map((other) =>
    other === locale
      ? `<strong lang="${HTML_LANG[other]}">${esc(view.languageNames[other])}</strong>`
      : `<a lang="${HTML_LANG[other]}" hreflang="${HTML_LANG[other]}" href="${esc(sitePath(page.path, other, page.params))}">${esc(view.languageNames[other])}</a>`,
  ).join("");
  return `<!doctype html>
<html lang="${HTML_LANG[locale]}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(page.title)} · ${esc(t("site.name"))}</title>
${page.description ? `<meta name="description" content="${esc(page.description)}">\n` : ""}<link rel="stylesheet" href="${STYLESHEET_PATH}">
${page.head ?? ""}</head>
<body>
<header>
<a class="brand" href="${esc(sitePath("/fairs", locale))}">${esc(t("site.name"))}</a>
<nav aria-label="${esc(t("site.sections"))}">${nav}</nav>
<nav class="langs" aria-label="${esc(t("site.languages"))}">${languages}</nav>
</header>
<main>
${page.main}
</main>
<footer>${t("site.footer")}</footer>
</body>
</html>
`;
}
