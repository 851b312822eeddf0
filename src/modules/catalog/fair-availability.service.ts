import type { Kysely } from "kysely";
import type { Catalog } from "../../domain/catalog.js";
import type { Database } from "../../platform/db/schema.js";
import { cachedFairAvailability, type FairAvailability } from "../registrations/availability.service.js";
import { openFairs } from "./fairs.service.js";

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
