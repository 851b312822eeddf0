import type { Kysely } from "kysely";
import type { Database, RegistrationRow } from "../../platform/db/schema.js";
import { immediateTransaction } from "../../platform/db/transaction.js";
import { type Notice, type Notify, noNotices, offerNotices } from "./notice.js";
import {
  boothsHeld,
  fairCapacity,
  fairsWithWaitlist,
  listExpiredOffers,
  listWaitlist,
  lockFairs,
  updateRegistration,
} from "./registrations.repository.js";

/** How long a waitlisted applicant has to accept freed booths before the next one is asked. */
export const OFFER_HOURS = 48;

/**
 * Offers free booths to the waitlist in order: each applicant in turn is offered what they asked
 * for, or what is left, for OFFER_HOURS. Must run inside the write transaction that freed them.
 */
export async function offerFreedBooths(trx: Kysely<Database>, fairId: string, now: Date): Promise<RegistrationRow[]> {
  let left = ((await fairCapacity(trx, fairId)) ?? 0) - (await boothsHeld(trx, fairId));
  const offers: RegistrationRow[] = [];
  const expires = new Date(now.getTime() + OFFER_HOURS * 3_600_000).toISOString();
  for (const next of await listWaitlist(trx, fairId)) {
    if (left <= 0) break;
    const booths = Math.min(next.booths, left);
    offers.push(
      await updateRegistration(trx, next.id, { status: "offered", offered_booths: booths, offer_expires_at: expires }, now),
    );
    left -= booths;
  }
  return offers;
}

/**
 * Ends offers not taken within OFFER_HOURS and passes their booths on; also offers booths freed
 * outside the bot (an import that raised a fair's capacity) to those waiting. Run every minute.
 */
export async function expireOffers(
  db: Kysely<Database>,
  now: Date,
  notify: Notify = noNotices,
): Promise<{ expired: RegistrationRow[]; offers: RegistrationRow[] }> {
  return immediateTransaction(db, async (trx) => {
    // Sign-ups hold only their fair's row (lockFairs): this pass, over many fairs, holds them all.
    await lockFairs(trx);
    const expired: RegistrationRow[] = [];
    const fairs = new Set(await fairsWithWaitlist(trx));
    for (const row of await listExpiredOffers(trx, now)) {
      expired.push(
        await updateRegistration(trx, row.id, { status: "expired", offer_expires_at: null, offered_booths: null }, now),
      );
      fairs.add(row.fair_id);
    }
    const offers: RegistrationRow[] = [];
    for (const fairId of fairs) offers.push(...(await offerFreedBooths(trx, fairId, now)));
    const expiredNotices = expired.map((registration): Notice => ({ to: "applicant", registration, event: "expired" }));
    await notify(trx, [...expiredNotices, ...offerNotices(offers)], now);
    return { expired, offers };
  });
}
