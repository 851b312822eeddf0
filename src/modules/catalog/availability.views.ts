import { type Fair, placeUnit } from "../../domain/catalog.js";
import type { Translate } from "../../domain/translate.js";
import type { AvailabilityByFair } from "./fair-availability.service.js";
import { isOpenForRegistration } from "./fairs.service.js";

/** "12 of 80 booths left", "40 of 100 seats left" or "Full — waitlist open"; nothing once registration has closed. */
export function availabilityLine(t: Translate, fair: Fair, availability: AvailabilityByFair, now: Date): string | undefined {
  const places = availability.get(fair.id);
  if (!places || !isOpenForRegistration(fair, now)) return undefined;
  if (places.left === 0) return t("fair.places_full");
  const figures = { left: places.left, capacity: places.capacity };
  return placeUnit(fair.kind) === "seats" ? t("fair.seats_left", figures) : t("fair.booths_left", figures);
}

/**
 * What a shared view must be keyed by besides the catalog: the figures it shows of these fairs,
 * so a sign-up is seen at once rather than at the next minute.
 */
export const availabilityKey = (availability: AvailabilityByFair, fairIds: Iterable<string> = availability.keys()): string =>
  [...fairIds]
    .map((id) => {
      const places = availability.get(id);
      return places ? `${id}=${places.left}/${places.capacity}` : "";
    })
    .join(",");
