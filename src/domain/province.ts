import { fold } from "./text.js";
import type { Translate } from "./translate.js";

/**
 * A province as buttons carry it: folded to ASCII and dashed ("Lạng Sơn" → "lang-son"), never the
 * name itself. A name with nothing ASCII in it (广西) gets a short hash, which fits as well.
 */
export function provinceSlug(province: string): string {
  const slug = fold(province)
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40);
  if (slug) return slug;
  let hash = 0x811c9dc5;
  for (const char of province) hash = Math.imul(hash ^ char.codePointAt(0)!, 0x01000193) >>> 0;
  return `p-${hash.toString(16)}`;
}

/** A province in the reader's language: the data names it in Vietnamese; `provinces.*` translates those we know. */
export function provinceName(t: Translate, province: string): string {
  const key = `provinces.${provinceSlug(province)}`;
  const name = t(key);
  return name === key ? province : name;
}
