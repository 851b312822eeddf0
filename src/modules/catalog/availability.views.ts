import type { AvailabilityByFair } from "./fair-availability.service.js";

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
