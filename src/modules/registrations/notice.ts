import type { Kysely } from "kysely";
import type { Database, RegistrationRow } from "../../platform/db/schema.js";

/** Something that happened to a registration that someone other than the person acting must hear of. */
export type Notice =
  | { to: "staff"; registration: RegistrationRow; event: "new" | "updated" | "resubmitted" | "cancelled" | "accepted" }
  | { to: "applicant"; registration: RegistrationRow; event: "approved" | "rejected" | "expired" }
  | { to: "offer"; registration: RegistrationRow }
  /** Nobody needs a new message (a contact corrected, an offer declined); staff notices of it are brought up to date. */
  | { to: "update"; registration: RegistrationRow }
  /** To the owner of `registration`: something another account did that touches it. */
  | { to: "owner"; registration: RegistrationRow; event: "duplicate_claim" };

/** Queues the messages of notices inside the transaction that decided them (see registrationNotifier). */
export type Notify = (trx: Kysely<Database>, notices: Notice[], now: Date) => Promise<void>;

export const noNotices: Notify = async () => undefined;

export const offerNotices = (offers: RegistrationRow[]): Notice[] =>
  offers.map((registration) => ({ to: "offer", registration }));
