import type { Kysely } from "kysely";
import { HOLDING_STATUSES } from "../../domain/registration.js";
import { dataVersion } from "../../platform/db/connection.js";
import type { Database } from "../../platform/db/schema.js";
import { registrationWrites } from "./registrations.repository.js";

/** Places at a fair as a newcomer sees them, in the fair's unit (booths or seats). */
export interface FairAvailability {
  /** What a new sign-up can have: none while anyone is on the waitlist, as boothsLeft says. */
  left: number;
  capacity: number;
  /** Registrations on the waitlist. */
  waiting: number;
}

/**
 * The availability of several fairs in one query, for lists that show many: the same figures as
 * boothsLeft fair by fair. Fairs not in the database are left out.
 */
export async function fairAvailability(db: Kysely<Database>, fairIds: readonly string[]): Promise<Map<string, FairAvailability>> {
  if (fairIds.length === 0) return new Map();
  const rows = await db
    .selectFrom("fairs")
    .leftJoin("registrations", "registrations.fair_id", "fairs.id")
    .select((eb) => {
      const status = eb.ref("registrations.status");
      // The rule of boothsHeld: an offer holds the booths offered, not those first asked for.
      const heldByRow = eb
        .case()
        .when(status, "in", HOLDING_STATUSES)
        .then(
          eb
            .case()
            .when(status, "=", "offered")
            .then(eb.ref("registrations.offered_booths"))
            .else(eb.ref("registrations.booths"))
            .end(),
        )
        .end();
      return [
        "fairs.id as id",
        "fairs.booth_capacity as capacity",
        eb.fn.coalesce(eb.fn.sum<number | null>(heldByRow), eb.lit(0)).as("held"),
        eb.fn.count<number>(eb.case().when(status, "=", "waitlisted").then(eb.lit(1)).end()).as("waiting"),
      ];
    })
    .where("fairs.id", "in", fairIds)
    .groupBy(["fairs.id", "fairs.booth_capacity"])
    .execute();
  return new Map(
    rows.map((row) => {
      const waiting = Number(row.waiting);
      const left = waiting > 0 ? 0 : Math.max(0, row.capacity - Number(row.held));
      return [row.id, { left, capacity: row.capacity, waiting }];
    }),
  );
}

interface Kept {
  key: string;
  version: number;
  writes: number;
  value: Map<string, FairAvailability>;
}
const kept = new WeakMap<Kysely<Database>, Kept>();

/**
 * {@link fairAvailability}, kept in memory until a registration is written: by this process (its
 * writes are counted; a read waits for a write's transaction on the one connection) or by another
 * (SQLite's data_version). `key` names what else the figures depend on (the catalog's version:
 * an import changes capacities). Without data_version (not SQLite) every call reads.
 */
export async function cachedFairAvailability(
  db: Kysely<Database>,
  fairIds: readonly string[],
  key: string,
): Promise<Map<string, FairAvailability>> {
  const version = dataVersion(db);
  if (version === undefined) return fairAvailability(db, fairIds);
  const fullKey = `${key}\u0000${fairIds.join(",")}`;
  const writes = registrationWrites();
  const hit = kept.get(db);
  if (hit && hit.key === fullKey && hit.version === version && hit.writes === writes) return hit.value;
  const value = await fairAvailability(db, fairIds);
  // A write that overlapped the read may not be in it: not kept.
  if (registrationWrites() === writes && dataVersion(db) === version) kept.set(db, { key: fullKey, version, writes, value });
  return value;
}
