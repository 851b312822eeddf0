import path from "node:path";
import { fileURLToPath } from "node:url";
import TelegrafI18n from "telegraf-i18n";
import { LOCALES, type Locale } from "../config.js";
import { escapeHtml } from "./html.js";

const LOCALES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../locales");

/** A fragment that is already HTML and must not be escaped again when put into a translation. */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export type TemplateValue = string | number | Html;
export type Translate = (key: string, data?: Record<string, TemplateValue>) => string;

export interface I18n {
  t(locale: Locale, key: string, data?: Record<string, TemplateValue>): string;
  translator(locale: Locale): Translate;
  /** Every key a locale file defines, dotted, for checking the files agree. */
  keys(locale: Locale): string[];
}

/**
 * Locale files are YAML loaded by telegraf-i18n. Placeholders are written `{name}`, not `${name}`:
 * telegraf-i18n evaluates `${}` templates in a fresh V8 context on every call (≈0.4 ms each,
 * measured), too slow for a card of a dozen lines; `{name}` strings stay static for the library
 * and are filled in here, with values HTML-escaped unless they are Html.
 */
export function createI18n(defaultLocale: Locale, directory = LOCALES_DIR): I18n {
  const library = new TelegrafI18n({ directory, defaultLanguage: defaultLocale, allowMissing: true, defaultLanguageOnMissing: true });
  const t = (locale: Locale, key: string, data?: Record<string, TemplateValue>): string => {
    const template: string = library.t(locale, key);
    if (!data) return template;
    return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
      const value = data[name];
      if (value === undefined) return whole;
      return value instanceof Html ? value.value : escapeHtml(String(value));
    });
  };
  return {
    t,
    translator: (locale) => (key, data) => t(locale, key, data),
    keys: (locale) => library.resourceKeys(locale),
  };
}

export const isLocale = (value: unknown): value is Locale => LOCALES.includes(value as Locale);
