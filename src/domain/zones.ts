import { BEIJING_ZONE, VIETNAM_ZONE } from "./dates.js";
import type { Locale } from "./locale.js";

/** The zones a user can choose for their quiet hours and calendar files, by the short code buttons carry. */
export const ZONE_CHOICES = { vn: VIETNAM_ZONE, cn: BEIJING_ZONE } as const;
export type ZoneChoice = keyof typeof ZONE_CHOICES;

/** A user's zone (for quiet hours and calendar files): their choice, else Beijing time for Chinese readers, else the offices' zone. */
export function userZone(chosen: string | null | undefined, locale: Locale, officeZone: string): string {
  if (chosen) return chosen;
  return locale === "zh" ? BEIJING_ZONE : officeZone;
}
