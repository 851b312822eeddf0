import type { Kysely } from "kysely";
import { LIVE_STATUSES } from "../../domain/registration.js";
import type { Database, RegistrationRow } from "../../platform/db/schema.js";
import { type Notice, type Notify, offerNotices } from "./notice.js";
import { fairTransaction, findRegistration, updateRegistration } from "./registrations.repository.js";
import { offerFreedBooths } from "./waitlist.service.js";

/** What an applicant does to their own registration: cancel, answer a waitlist offer, correct the contact. */

export type OwnerResult =
  | { kind: "missing" }
  | { kind: "not_allowed"; registration: RegistrationRow }
  | { kind: "done"; registration: RegistrationRow; offers: RegistrationRow[] };

/** Runs a change on a registration that belongs to `userId` and is in one of `statuses`. */
async function changeOwn(
  db: Kysely<Database>,
  id: number,
  userId: number,
  statuses: readonly string[],
  change: (trx: Kysely<Database>, current: RegistrationRow) => Promise<RegistrationRow>,
  now: Date,
  notify?: { send: Notify; staff?: "cancelled" | "accepted" },
): Promise<OwnerResult> {
  return fairTransaction(db, { registrationId: id }, async (trx) => {
    const current = await findRegistration(trx, id);
    if (!current || current.user_id !== userId) return { kind: "missing" } as const;
    if (!statuses.includes(current.status)) return { kind: "not_allowed", registration: current } as const;
    const registration = await change(trx, current);
    const offers = registration.status === current.status ? [] : await offerFreedBooths(trx, current.fair_id, now);
    if (notify) {
      const staff: Notice = notify.staff ? { to: "staff", registration, event: notify.staff } : { to: "update", registration };
      await notify.send(trx, [staff, ...offerNotices(offers)], now);
    }
    return { kind: "done", registration, offers } as const;
  });
}

/** A registration its owner gave up (withdrawn, or an offer declined): it holds and is offered nothing. */
const giveUp = (trx: Kysely<Database>, id: number, now: Date) =>
  updateRegistration(trx, id, { status: "cancelled", offer_expires_at: null, offered_booths: null }, now);

/** The applicant withdraws; booths they held go to the waitlist. */
export function cancelRegistration(
  db: Kysely<Database>,
  id: number,
  userId: number,
  now: Date,
  notify?: Notify,
): Promise<OwnerResult> {
  return changeOwn(
    db,
    id,
    userId,
    LIVE_STATUSES,
    (trx) => giveUp(trx, id, now),
    now,
    notify && { send: notify, staff: "cancelled" },
  );
}

/** The applicant takes the booths offered from the waitlist: the registration is pending review again. */
export async function acceptOffer(
  db: Kysely<Database>,
  id: number,
  userId: number,
  now: Date,
  notify?: Notify,
): Promise<OwnerResult> {
  const result = await changeOwn(
    db,
    id,
    userId,
    ["offered"],
    async (trx, current) => {
      if (current.offer_expires_at && Date.parse(current.offer_expires_at) <= now.getTime()) return current;
      const accepted = {
        status: "pending",
        booths: current.offered_booths ?? current.booths,
        offer_expires_at: null,
        offered_booths: null,
        waitlisted_at: null,
      } as const;
      return updateRegistration(trx, id, accepted, now);
    },
    now,
    notify && { send: notify, staff: "accepted" },
  );
  if (result.kind === "done" && result.registration.status === "offered")
    return { kind: "not_allowed", registration: result.registration };
  return result;
}

/** The applicant turns the offer down; the booths go to the next in line. */
export function declineOffer(db: Kysely<Database>, id: number, userId: number, now: Date, notify?: Notify): Promise<OwnerResult> {
  return changeOwn(db, id, userId, ["offered"], (trx) => giveUp(trx, id, now), now, notify && { send: notify });
}

/** The applicant corrects contact person, phone or e-mail (validated by the caller). */
export function updateContact(
  db: Kysely<Database>,
  id: number,
  userId: number,
  values: Partial<Pick<RegistrationRow, "contact_person" | "phone" | "email">>,
  now: Date,
  notify?: Notify,
): Promise<OwnerResult> {
  const change = (trx: Kysely<Database>) => updateRegistration(trx, id, values, now);
  return changeOwn(db, id, userId, LIVE_STATUSES, change, now, notify && { send: notify });
}
