import type { Locale } from "../config.js";

/** The bot's language for a Telegram language_code (e.g. "zh-hans", "en-US"); others get the default. */
export function localeFromLanguageCode(code: string | undefined, fallback: Locale): Locale {
  const base = code?.toLowerCase().split("-")[0];
  return base === "vi" || base === "zh" || base === "en" ? base : fallback;
}
