import type { Kysely } from "kysely";
import type { Database } from "../db/schema.js";
import { isDeadOwner } from "../jobs/process-owner.js";
import { inFlightOwners, reclaimAbandoned } from "./outbox.repository.js";

/**
 * Puts back in the queue the rows in flight of senders that are gone (a lease run out, or a process
 * on this host that died), never those of a sender still at work, in this process or another.
 */
export async function reclaimAbandonedRows(db: Kysely<Database>, now: Date, realNow: number): Promise<number> {
  const dead = (await inFlightOwners(db)).filter((owner): owner is string => owner !== null && isDeadOwner(owner));
  return reclaimAbandoned(db, { now: now.toISOString(), realNow: new Date(realNow).toISOString(), deadOwners: dead });
}
