import type { Kysely } from "kysely";
import type { RegistrationStatus } from "../../src/domain/registration.js";
import { insertRegistration } from "../../src/modules/registrations/registrations.repository.js";
import type { Database, RegistrationRow } from "../../src/platform/db/schema.js";

let serial = 0;

/**
 * A registration row written straight to the database, for tests about what registrations add up
 * to rather than how a sign-up makes one. `userId` must be a user already in the database.
 */
export function insertTestRegistration(
  db: Kysely<Database>,
  at: Date,
  row: {
    fairId: string;
    userId: number;
    status: RegistrationStatus;
    booths: number;
    offeredBooths?: number;
    /** The company's own details, when a test looks for them (what a page must never show). */
    details?: Partial<Pick<RegistrationRow, "company" | "country" | "tax_id" | "contact_person" | "phone" | "email">>;
  },
): Promise<RegistrationRow> {
  const n = ++serial;
  return insertRegistration(
    db,
    {
      reference: `TEST-${n}`,
      fair_id: row.fairId,
      user_id: row.userId,
      company: `Company ${n}`,
      country: "other",
      tax_id: `TEST-${n}`,
      sectors: "[]",
      booths: row.booths,
      contact_person: "Pat Lee",
      phone: "+8562055551234",
      email: `c${n}@example.com`,
      licence_file_id: null,
      licence_path: null,
      licence_kind: null,
      status: row.status,
      // Apart by a millisecond each, so the waitlist's order is the order of insertion.
      waitlisted_at: row.status === "waitlisted" ? new Date(at.getTime() + n).toISOString() : null,
      offer_expires_at: row.status === "offered" ? new Date(at.getTime() + 48 * 3_600_000).toISOString() : null,
      offered_booths: row.offeredBooths ?? null,
      reject_code: null,
      reject_reason: null,
      decided_by: null,
      decided_at: null,
      duplicate_of: null,
      ...row.details,
    },
    at,
  );
}
