import type { Kysely } from "kysely";
import type { Logger } from "../../logger.js";
import type { Database } from "../db/schema.js";
import { holdLease, releaseLease, releaseLeaseOfTheDead } from "./fleet.js";
import { newOwner } from "./process-owner.js";

/**
 * One process of a fleet at a time does `name`'s work (the outbox sender: the fleet's one
 * Telegram rate budget): each asks for the lease every `renewMs`; its holder renews it, and starts
 * the work when it gains it and stops it when it loses it. A holder that stops cleanly hands the
 * lease back; one that dies is replaced when its lease runs out (`leaseMs`), or at once by a
 * process on the same host, which can see it is gone. Real time: the bot's clock may be fixed.
 */
export function createLeadership(deps: {
  db: Kysely<Database>;
  name: string;
  logger: Logger;
  lead: { start(): void | Promise<void>; stop(): Promise<void> };
  leaseMs?: number;
  renewMs?: number;
}) {
  const { db, name, logger, lead } = deps;
  const leaseMs = deps.leaseMs ?? 10_000;
  const renewMs = deps.renewMs ?? 2_000;
  const owner = newOwner();
  let leading = false;
  let heldAt = 0;
  let timer: NodeJS.Timeout | undefined;
  let round: Promise<void> = Promise.resolve();
  let stopped = false;

  async function ask(): Promise<void> {
    let held = false;
    try {
      await releaseLeaseOfTheDead(db, name);
      const now = Date.now();
      held = await holdLease(db, name, owner, now, now + leaseMs);
      if (held) heldAt = now;
    } catch (error) {
      logger.warn({ err: error, lease: name }, "could not renew a lease; keeps it until it runs out");
      // The database did not answer: a holder keeps working only while its lease surely holds.
      held = leading && Date.now() - heldAt < leaseMs - renewMs;
    }
    if (held && !leading) {
      leading = true;
      logger.info({ lease: name }, "this process took the lease");
      await Promise.resolve(lead.start()).catch((error: unknown) => {
        // Tried again at the next round, the lease still held.
        leading = false;
        logger.error({ err: error, lease: name }, "could not start the work of the lease");
      });
    } else if (!held && leading) {
      leading = false;
      logger.warn({ lease: name }, "this process lost the lease");
      await lead
        .stop()
        .catch((error: unknown) => logger.error({ err: error, lease: name }, "could not stop the work of the lease"));
    }
  }

  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      round = ask().finally(schedule);
    }, renewMs);
  };

  return {
    get leading(): boolean {
      return leading;
    },
    /** Asks for the lease once (so a single process starts its work at once), then keeps asking. */
    async start(): Promise<void> {
      stopped = false;
      round = ask();
      await round;
      schedule();
    },
    async stop(): Promise<void> {
      stopped = true;
      clearTimeout(timer);
      await round;
      if (!leading) return;
      leading = false;
      await lead.stop();
      await releaseLease(db, name, owner).catch(() => undefined);
    },
  };
}
