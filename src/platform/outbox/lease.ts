import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import type { Kysely } from "kysely";
import type { Database } from "../db/schema.js";
import { inFlightOwners, reclaimAbandoned } from "./outbox.repository.js";

/** A sender's name on the rows it claims: its host and process, and a random part for each sender. */
export function newOwner(): string {
  return `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
}

/**
 * Whether the process named in `owner` is known to be gone: it ran on this host and no process has
 * its id any more (a kill -9, a crash). Another host's sender is never known dead: its lease says.
 */
export function isDeadOwner(owner: string): boolean {
  const [host, pidText] = owner.split(":");
  const pid = Number(pidText);
  if (host !== hostname() || !Number.isInteger(pid) || pid <= 0 || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    // EPERM: a process of another user has that id, so it is alive.
    return (error as NodeJS.ErrnoException).code === "ESRCH";
  }
}

/**
 * Puts back in the queue the rows in flight of senders that are gone (a lease run out, or a process
 * on this host that died), never those of a sender still at work, in this process or another.
 */
export async function reclaimAbandonedRows(db: Kysely<Database>, now: Date, realNow: number): Promise<number> {
  const dead = (await inFlightOwners(db)).filter((owner): owner is string => owner !== null && isDeadOwner(owner));
  return reclaimAbandoned(db, { now: now.toISOString(), realNow: new Date(realNow).toISOString(), deadOwners: dead });
}
