import type { Kysely } from "kysely";
import { type Catalog, type Fair, placeUnit } from "../../domain/catalog.js";
import type { Translate } from "../../domain/translate.js";
import type { Database } from "../../platform/db/schema.js";
import { cachedFairAvailability, type FairAvailability } from "../registrations/availability.service.js";
import { isOpenForRegistration, openFairs } from "./fairs.service.js";

/** Places left at each fair, by fair id. */
export type AvailabilityByFair = ReadonlyMap<string, FairAvailability>;

/**
 * Places left at the fairs still open for registration, the only fairs whose cards and list lines
 * show them. Read per request, not with the catalog: sign-ups change them between imports.
 */
export function availabilityOfOpenFairs(
  db: Kysely<Database>,
  { catalog, now }: { catalog: Catalog; now: Date },
): Promise<AvailabilityByFair> {
  return cachedFairAvailability(
    db,
    openFairs(catalog, now).map((fair) => fair.id),
    catalog.version,
  );
}

/** "12 of 80 booths left", "40 of 100 seats left" or "Full — waitlist open"; nothing once registration has closed. */
export function availabilityLine(t: Translate, fair: Fair, availability: AvailabilityByFair, now: Date): string | undefined {
  const places = availability.get(fair.id);
  if (!places || !isOpenForRegistration(fair, now)) return undefined;
  if (places.left === 0) return t("fair.places_full");
  const figures = { left: places.left, capacity: places.capacity };
  return placeUnit(fair.kind) === "seats" ? t("fair.seats_left", figures) : t("fair.booths_left", figures);
}
