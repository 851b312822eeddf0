import path from "node:path";
import { fileURLToPath } from "node:url";
import TelegrafI18n from "telegraf-i18n";
import { LOCALES, type Locale } from "../../domain/locale.js";
import { Html, type TemplateValue, type Translate } from "../../domain/translate.js";
import { escapeHtml } from "./html.js";

const LOCALES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../locales");

export interface I18n {
  t(locale: Locale, key: string, data?: Record<string, TemplateValue>): string;
  translator(locale: Locale): Translate;
  /** Every key a locale file defines, dotted, for checking the files agree. */
  keys(locale: Locale): string[];
}

/** A template cut at its `{name}` placeholders: literals[0] name[0] literals[1] … literals[n]. */
interface Compiled {
  literals: string[];
  names: string[];
}

const PLACEHOLDER = /\{(\w+)\}/g;

function compile(template: string): Compiled {
  const literals: string[] = [];
  const names: string[] = [];
  let last = 0;
  for (const match of template.matchAll(PLACEHOLDER)) {
    literals.push(template.slice(last, match.index));
    names.push(match[1]!);
    last = match.index + match[0].length;
  }
  literals.push(template.slice(last));
  return { literals, names };
}

function fill(template: Compiled, data: Record<string, TemplateValue> | undefined): string {
  let text = template.literals[0]!;
  for (let i = 0; i < template.names.length; i++) {
    const name = template.names[i]!;
    const value = data?.[name];
    text += value === undefined ? `{${name}}` : value instanceof Html ? value.value : escapeHtml(String(value));
    text += template.literals[i + 1]!;
  }
  return text;
}

/**
 * Locale files are YAML loaded by telegraf-i18n. Placeholders are written `{name}`, not `${name}`:
 * telegraf-i18n evaluates `${}` templates in a fresh V8 context on every call, too slow for a
 * card of a dozen lines (see bench/README.md); `{name}` strings stay static for the library and
 * are filled in here, with values HTML-escaped unless they are Html. Every string is taken from
 * the library once and cut at its placeholders, so a call is a lookup and a join rather than the
 * context object the library builds per call. A key a
 * locale lacks falls back to the default locale, then to the key itself, as in the library.
 */
export function createI18n(defaultLocale: Locale, directory = LOCALES_DIR): I18n {
  const library = new TelegrafI18n({
    directory,
    defaultLanguage: defaultLocale,
    allowMissing: true,
    defaultLanguageOnMissing: true,
  });
  const templates = new Map<Locale, Map<string, Compiled>>(
    LOCALES.map((locale) => [locale, new Map(library.resourceKeys(locale).map((key) => [key, compile(library.t(locale, key))]))]),
  );
  const t = (locale: Locale, key: string, data?: Record<string, TemplateValue>): string => {
    const template = templates.get(locale)?.get(key) ?? templates.get(defaultLocale)?.get(key);
    return template ? fill(template, data) : key;
  };
  return {
    t,
    translator: (locale) => (key, data) => t(locale, key, data),
    keys: (locale) => library.resourceKeys(locale),
  };
}
