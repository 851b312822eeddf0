import type http from "node:http";
import { isLocale, type Locale, localeFromLanguageCode } from "../../domain/locale.js";

/**
 * The page's language: ?lang= when it names one the site speaks, else the first of the browser's
 * Accept-Language (by weight) that it speaks, else the default.
 */
export function requestLocale(lang: string | null, acceptLanguage: string | undefined, fallback: Locale): Locale {
  if (isLocale(lang)) return lang;
  const wanted = (acceptLanguage ?? "")
    .split(",")
    .map((part, index) => {
      const [tag, ...params] = part.trim().split(";");
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean);
      return { tag: tag!.trim(), q: q === undefined ? 1 : Number(q), index };
    })
    .filter((item) => item.tag && item.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { tag } of wanted) {
    const locale = localeFromLanguageCode(tag, "" as Locale);
    if (isLocale(locale)) return locale;
  }
  return fallback;
}

const HOST = /^[a-z0-9.-]+(:\d{1,5})?$|^\[[0-9a-f:.]+\](:\d{1,5})?$/i;

/**
 * The site's public origin for absolute links: SITE_URL when set; else what the request was made
 * to, as a reverse proxy passes it (X-Forwarded-Proto and -Host, then Host).
 */
export function requestOrigin(request: http.IncomingMessage, siteUrl: string | undefined): string {
  if (siteUrl) return siteUrl;
  const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value)?.split(",")[0]?.trim();
  const proto = first(request.headers["x-forwarded-proto"]) === "https" ? "https" : "http";
  const host = first(request.headers["x-forwarded-host"]) ?? first(request.headers.host) ?? "";
  return `${proto}://${HOST.test(host) ? host : "localhost"}`;
}
