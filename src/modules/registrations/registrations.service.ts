import type { Kysely } from "kysely";
import { type Country, isLive, type RejectCode } from "../../domain/registration.js";
import { fold } from "../../domain/text.js";
import type { Database, RegistrationRow } from "../../platform/db/schema.js";
import { follow } from "../reminders/subscriptions.service.js";
import { recordAudit } from "../staff/audit.service.js";
import { type Notice, type Notify, noNotices, offerNotices } from "./notice.js";
import {
  boothsHeld,
  fairCapacity,
  fairTransaction,
  findClaimedByOthers,
  findOwnRegistration,
  findOwnRegistrationById,
  findRegistration,
  insertRegistration,
  listWaitlist,
  nextReferenceNumber,
  updateRegistration,
  waitlistPosition,
} from "./registrations.repository.js";
import { offerFreedBooths } from "./waitlist.service.js";

/** Everything the sign-up conversation collects. */
export interface RegistrationDraft {
  fairId: string;
  company: string;
  country: Country;
  taxId: string;
  sectors: string[];
  booths: number;
  contactPerson: string;
  phone: string;
  email: string;
  /** `path`: the bot's own copy under DATA_DIR; absent in forms begun before it kept one. */
  licence: { fileId: string; kind: "photo" | "document"; path?: string } | null;
  /** The user's own (rejected) registration this sign-up fixes, whatever its tax code was. */
  replaces?: number;
}

export type SubmitResult =
  | { kind: "missing_fair" }
  | { kind: "closed" }
  | { kind: "registered"; registration: RegistrationRow; updated: boolean; position: number | null; offers: RegistrationRow[] };

/** A staff decision; a rejection gives a preset reason and, optionally, the office's own words. */
export type Decision = { approve: true } | { approve: false; code: RejectCode; note: string | null };

export type DecisionResult =
  | { kind: "missing" }
  | { kind: "not_pending"; registration: RegistrationRow }
  | { kind: "decided"; registration: RegistrationRow; offers: RegistrationRow[] };

/**
 * "LS26" for a fair in Lạng Sơn starting in 2026: initials of the province (tones and anything in
 * brackets dropped), then the year's last two digits.
 */
export function referencePrefix(province: string, startsOn: string): string {
  const initials = fold(province.replace(/\(.*?\)/g, ""))
    .split(" ")
    .filter(Boolean)
    .map((word) => word[0]!.toUpperCase())
    .join("");
  return `${initials || "TF"}${startsOn.slice(2, 4)}`;
}

export const formatReference = (prefix: string, number: number) => `${prefix}-${String(number).padStart(4, "0")}`;

/**
 * Records a confirmed sign-up. The capacity check and the write are one write transaction that
 * holds the fair (fairTransaction), so concurrent sign-ups never overbook: what does not fit goes
 * to the waitlist, in the order of confirmation. The same tax id at the same fair from the same account updates that
 * registration; from another account it is a registration of its own, flagged as a possible duplicate.
 */
export async function submitRegistration(
  db: Kysely<Database>,
  userId: number,
  draft: RegistrationDraft,
  now: Date,
  notify: Notify = noNotices,
): Promise<SubmitResult> {
  return fairTransaction(db, { fairId: draft.fairId }, async (trx) => {
    const fair = await trx
      .selectFrom("fairs")
      .select(["id", "province", "starts_on", "registration_deadline", "booth_capacity"])
      .where("id", "=", draft.fairId)
      .executeTakeFirst();
    if (!fair) return { kind: "missing_fair" } as const;
    if (Date.parse(fair.registration_deadline) <= now.getTime()) return { kind: "closed" } as const;

    // Only the account's own registration can be changed by a sign-up: a tax code is public.
    const existing =
      draft.replaces !== undefined
        ? await findOwnRegistrationById(trx, draft.replaces, fair.id, userId)
        : await findOwnRegistration(trx, fair.id, draft.taxId, userId);
    const claimed = await findClaimedByOthers(trx, fair.id, draft.taxId, userId);
    const left = fair.booth_capacity - (await boothsHeld(trx, fair.id, existing?.id));
    // Free booths belong to those already waiting (an import may have raised the capacity).
    const othersWaiting = (await listWaitlist(trx, fair.id)).some((row) => row.id !== existing?.id);
    const fits = draft.booths <= left && !othersWaiting;
    // An approved company that keeps or lowers its booths stays approved; anything else is reviewed again.
    const staysApproved = existing?.status === "approved" && draft.booths <= existing.booths;
    const nowIso = now.toISOString();
    const values = {
      user_id: userId,
      company: draft.company,
      country: draft.country,
      tax_id: draft.taxId,
      sectors: JSON.stringify(draft.sectors),
      booths: draft.booths,
      contact_person: draft.contactPerson,
      phone: draft.phone,
      email: draft.email,
      licence_file_id: draft.licence?.fileId ?? existing?.licence_file_id ?? null,
      licence_kind: draft.licence?.kind ?? existing?.licence_kind ?? null,
      licence_path: draft.licence ? (draft.licence.path ?? null) : (existing?.licence_path ?? null),
      status: fits ? (staysApproved ? "approved" : "pending") : "waitlisted",
      waitlisted_at: fits ? null : existing?.status === "waitlisted" ? existing.waitlisted_at : nowIso,
      offer_expires_at: null,
      offered_booths: null,
      reject_code: null,
      reject_reason: null,
      decided_by: staysApproved && fits ? existing.decided_by : null,
      decided_at: staysApproved && fits ? existing.decided_at : null,
      duplicate_of: claimed?.id ?? null,
    } as const;

    let registration: RegistrationRow;
    if (existing) {
      registration = await updateRegistration(trx, existing.id, values, now);
    } else {
      const prefix = referencePrefix(fair.province, fair.starts_on);
      const reference = formatReference(prefix, await nextReferenceNumber(trx, prefix));
      registration = await insertRegistration(trx, { ...values, reference, fair_id: fair.id }, now);
    }
    // The applicant now follows the fair's reminders; the sign-up's last message offers to opt out.
    await follow(trx, userId, { topic: "fair", value: fair.id }, now);
    // Fewer booths than before, or a move to the waitlist, frees booths for those waiting.
    const offers = existing && isLive(existing.status) ? await offerFreedBooths(trx, fair.id, now) : [];
    const position = registration.status === "waitlisted" ? await waitlistPosition(trx, registration) : null;
    // A rejected company that fixes its registration puts it back in front of staff.
    const event = !existing ? "new" : existing.status === "rejected" ? "resubmitted" : "updated";
    const notices: Notice[] = [{ to: "staff", registration, event }, ...offerNotices(offers)];
    // The company that signed up first hears of a new claim on its tax code, never the other way round.
    if (claimed && existing?.duplicate_of !== claimed.id)
      notices.push({ to: "owner", registration: claimed, event: "duplicate_claim" });
    await notify(trx, notices, now);
    return { kind: "registered", registration, updated: existing !== undefined, position, offers } as const;
  });
}

/** Booths a newcomer can have at a fair: none while others are waiting for them. */
export async function boothsLeft(db: Kysely<Database>, fairId: string): Promise<number> {
  if ((await listWaitlist(db, fairId)).length > 0) return 0;
  const capacity = (await fairCapacity(db, fairId)) ?? 0;
  return Math.max(0, capacity - (await boothsHeld(db, fairId)));
}

/** Staff approve or reject a pending registration; a rejection frees its booths for the waitlist. */
export async function decideRegistration(
  db: Kysely<Database>,
  id: number,
  staffId: number,
  decision: Decision,
  now: Date,
  notify: Notify = noNotices,
): Promise<DecisionResult> {
  return fairTransaction(db, { registrationId: id }, async (trx) => {
    const current = await findRegistration(trx, id);
    if (!current) return { kind: "missing" } as const;
    if (current.status !== "pending") return { kind: "not_pending", registration: current } as const;
    const registration = await updateRegistration(
      trx,
      id,
      {
        status: decision.approve ? "approved" : "rejected",
        reject_code: decision.approve ? null : decision.code,
        reject_reason: decision.approve ? null : decision.note,
        decided_by: staffId,
        decided_at: now.toISOString(),
      },
      now,
    );
    const offers = decision.approve ? [] : await offerFreedBooths(trx, current.fair_id, now);
    const action = decision.approve ? "registration.approve" : "registration.reject";
    await recordAudit(
      trx,
      {
        actorId: staffId,
        action,
        target: current.reference,
        details: decision.approve ? undefined : { code: decision.code, note: decision.note },
      },
      now,
    );
    await notify(
      trx,
      [{ to: "applicant", registration, event: decision.approve ? "approved" : "rejected" }, ...offerNotices(offers)],
      now,
    );
    return { kind: "decided", registration, offers } as const;
  });
}
