import type { I18nText } from "../../domain/catalog.js";

export const toJson = (value: unknown): string => JSON.stringify(value);

export function parseI18n(value: string): I18nText;
export function parseI18n(value: string | null): I18nText | null;
export function parseI18n(value: string | null): I18nText | null {
  return value === null ? null : (JSON.parse(value) as I18nText);
}

export const parseList = (value: string): string[] => JSON.parse(value) as string[];
