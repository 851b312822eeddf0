/** The languages the bot speaks. */
export const LOCALES = ["vi", "zh", "en"] as const;
export type Locale = (typeof LOCALES)[number];

export const isLocale = (value: unknown): value is Locale => LOCALES.includes(value as Locale);

/** The bot's language for a Telegram language_code (e.g. "zh-hans", "en-US"); others get the default. */
export function localeFromLanguageCode(code: string | null | undefined, fallback: Locale): Locale {
  const base = code?.toLowerCase().split("-")[0];
  return isLocale(base) ? base : fallback;
}

/** What the bot knows of a person's language: their choice (/language) and Telegram's language_code. */
export interface LanguageFacts {
  language: string | null | undefined;
  language_code: string | null | undefined;
}

/** The language the bot speaks with someone: their choice, else Telegram's language, else the default. */
export function resolveLocale(person: LanguageFacts | undefined, fallback: Locale): Locale {
  return isLocale(person?.language) ? person.language : localeFromLanguageCode(person?.language_code, fallback);
}
