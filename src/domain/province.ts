import { provinceSlug } from "../modules/reminders/subscriptions.service.js";
import type { Translate } from "../platform/telegram/i18n.js";

/** A province in the reader's language: the data names it in Vietnamese; `provinces.*` translates those we know. */
export function provinceName(t: Translate, province: string): string {
  const key = `provinces.${provinceSlug(province)}`;
  const name = t(key);
  return name === key ? province : name;
}
