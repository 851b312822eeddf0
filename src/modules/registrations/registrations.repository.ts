import { type Kysely, sql, type Updateable } from "kysely";
import { HOLDING_STATUSES, LIVE_STATUSES, type RegistrationStatus } from "../../domain/registration.js";
import { isPostgres } from "../../platform/db/postgres.js";
import type { Database, RegistrationRow, RegistrationsTable } from "../../platform/db/schema.js";
import { immediateTransaction } from "../../platform/db/transaction.js";

// Registration writes made by this process; data_version does not count a connection's own commits.
let writes = 0;

/** How many registration writes this process has made: what in-memory figures of registrations are checked against. */
export const registrationWrites = (): number => writes;

/** Registrations at a fair with a tax code, whoever made them: what the lookups below narrow. */
const atFairWithTaxId = (db: Kysely<Database>, fairId: string, taxId: string) =>
  db.selectFrom("registrations").selectAll().where("fair_id", "=", fairId).where("tax_id", "=", taxId);

export async function findRegistration(db: Kysely<Database>, id: number): Promise<RegistrationRow | undefined> {
  return db.selectFrom("registrations").selectAll().where("id", "=", id).executeTakeFirst();
}

/** The registration an account made at a fair with a tax code, if any: the one it may change. */
export async function findOwnRegistration(
  db: Kysely<Database>,
  fairId: string,
  taxId: string,
  userId: number,
): Promise<RegistrationRow | undefined> {
  return atFairWithTaxId(db, fairId, taxId).where("user_id", "=", userId).executeTakeFirst();
}

/** A registration by id, only if it is this account's, at this fair. */
export async function findOwnRegistrationById(
  db: Kysely<Database>,
  id: number,
  fairId: string,
  userId: number,
): Promise<RegistrationRow | undefined> {
  return db
    .selectFrom("registrations")
    .selectAll()
    .where("id", "=", id)
    .where("fair_id", "=", fairId)
    .where("user_id", "=", userId)
    .executeTakeFirst();
}

/** The oldest live registration of another account at a fair with this tax code: what a sign-up may duplicate. */
export async function findClaimedByOthers(
  db: Kysely<Database>,
  fairId: string,
  taxId: string,
  userId: number,
): Promise<RegistrationRow | undefined> {
  return atFairWithTaxId(db, fairId, taxId)
    .where("user_id", "!=", userId)
    .where("status", "in", LIVE_STATUSES)
    .orderBy("id")
    .executeTakeFirst();
}

/** References of the registrations flagged as possible duplicates of this one (same tax code, other accounts). */
export async function listDuplicatesOf(db: Kysely<Database>, id: number): Promise<Array<{ reference: string }>> {
  return db.selectFrom("registrations").select("reference").where("duplicate_of", "=", id).orderBy("id").execute();
}

export async function findRegistrationByTaxId(
  db: Kysely<Database>,
  fairId: string,
  taxId: string,
): Promise<RegistrationRow | undefined> {
  return atFairWithTaxId(db, fairId, taxId).executeTakeFirst();
}

/** Booths held at a fair (pending, approved, offered), optionally leaving one registration out. */
export async function boothsHeld(db: Kysely<Database>, fairId: string, exceptId?: number): Promise<number> {
  let query = db
    .selectFrom("registrations")
    .select(sql<number>`coalesce(sum(case when status = 'offered' then offered_booths else booths end), 0)`.as("held"))
    .where("fair_id", "=", fairId)
    .where("status", "in", HOLDING_STATUSES);
  if (exceptId !== undefined) query = query.where("id", "!=", exceptId);
  return Number((await query.executeTakeFirstOrThrow()).held);
}

/**
 * Locks fairs' rows until the transaction ends, so capacity checks and the writes that follow them
 * take turns per fair (PostgreSQL: SELECT … FOR UPDATE, in id order, so two lockers never wait for
 * each other in a circle). Without `ids`, every fair. On SQLite the write transaction already
 * excludes every other writer.
 */
export async function lockFairs(trx: Kysely<Database>, ids?: readonly string[]): Promise<void> {
  if (!isPostgres(trx) || ids?.length === 0) return;
  await trx
    .selectFrom("fairs")
    .select("id")
    .$if(ids !== undefined, (q) => q.where("id", "in", ids ?? []))
    .orderBy("id")
    .forUpdate()
    .execute();
}

/**
 * A write transaction over one fair's registrations (a sign-up, a decision, an owner's change):
 * the fair's row, named or that of a registration, is locked first, so on PostgreSQL writes at
 * other fairs go on meanwhile (immediateTransaction's "rows" scope). On SQLite, one writer at a time.
 */
export function fairTransaction<T>(
  db: Kysely<Database>,
  fair: { fairId: string } | { registrationId: number },
  work: (trx: Kysely<Database>) => Promise<T>,
): Promise<T> {
  return immediateTransaction(
    db,
    async (trx) => {
      await ("fairId" in fair ? lockFairs(trx, [fair.fairId]) : lockFairOf(trx, fair.registrationId));
      return work(trx);
    },
    "rows",
  );
}

/** Locks the row of a registration's fair (see lockFairs). */
async function lockFairOf(trx: Kysely<Database>, registrationId: number): Promise<void> {
  if (!isPostgres(trx)) return;
  await trx
    .selectFrom("fairs")
    .select("id")
    .where("id", "=", (eb) => eb.selectFrom("registrations").select("fair_id").where("id", "=", registrationId))
    .forUpdate()
    .execute();
}

export async function fairCapacity(db: Kysely<Database>, fairId: string): Promise<number | undefined> {
  return (await db.selectFrom("fairs").select("booth_capacity").where("id", "=", fairId).executeTakeFirst())?.booth_capacity;
}

/** The waitlist of a fair, first in line first. */
export async function listWaitlist(db: Kysely<Database>, fairId: string): Promise<RegistrationRow[]> {
  return db
    .selectFrom("registrations")
    .selectAll()
    .where("fair_id", "=", fairId)
    .where("status", "=", "waitlisted")
    .orderBy("waitlisted_at")
    .orderBy("id")
    .execute();
}

/** Fairs that have anyone on their waitlist. */
export async function fairsWithWaitlist(db: Kysely<Database>): Promise<string[]> {
  const rows = await db.selectFrom("registrations").select("fair_id").distinct().where("status", "=", "waitlisted").execute();
  return rows.map((r) => r.fair_id);
}

/** 1-based place in the waitlist of a waitlisted registration. */
export async function waitlistPosition(db: Kysely<Database>, registration: RegistrationRow): Promise<number> {
  const ahead = await db
    .selectFrom("registrations")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("fair_id", "=", registration.fair_id)
    .where("status", "=", "waitlisted")
    .where((eb) =>
      eb.or([
        eb("waitlisted_at", "<", registration.waitlisted_at),
        eb.and([eb("waitlisted_at", "=", registration.waitlisted_at), eb("id", "<", registration.id)]),
      ]),
    )
    .executeTakeFirstOrThrow();
  return Number(ahead.n) + 1;
}

/** The next reference number for a prefix such as LS26 (1, 2, ...). */
export async function nextReferenceNumber(db: Kysely<Database>, prefix: string): Promise<number> {
  const row = await db
    .insertInto("reference_sequences")
    .values({ prefix, last: 1 })
    .onConflict((oc) => oc.column("prefix").doUpdateSet({ last: sql`reference_sequences.last + 1` }))
    .returning("last")
    .executeTakeFirstOrThrow();
  return row.last;
}

export type NewRegistration = Omit<RegistrationRow, "id" | "created_at" | "updated_at">;

export async function insertRegistration(db: Kysely<Database>, values: NewRegistration, now: Date): Promise<RegistrationRow> {
  writes++;
  const nowIso = now.toISOString();
  return db
    .insertInto("registrations")
    .values({ ...values, created_at: nowIso, updated_at: nowIso })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function updateRegistration(
  db: Kysely<Database>,
  id: number,
  values: Updateable<RegistrationsTable>,
  now: Date,
): Promise<RegistrationRow> {
  writes++;
  return db
    .updateTable("registrations")
    .set({ ...values, updated_at: now.toISOString() })
    .where("id", "=", id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function listUserRegistrations(db: Kysely<Database>, userId: number): Promise<RegistrationRow[]> {
  return db
    .selectFrom("registrations")
    .selectAll()
    .where("user_id", "=", userId)
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .execute();
}

export async function listFairRegistrations(db: Kysely<Database>, fairId: string): Promise<RegistrationRow[]> {
  return db.selectFrom("registrations").selectAll().where("fair_id", "=", fairId).orderBy("id").execute();
}

/** Offers whose 48 hours have run out at `now`. */
export async function listExpiredOffers(db: Kysely<Database>, now: Date): Promise<RegistrationRow[]> {
  return db
    .selectFrom("registrations")
    .selectAll()
    .where("status", "=", "offered")
    .where("offer_expires_at", "<=", now.toISOString())
    .orderBy("offer_expires_at")
    .execute();
}

/** Registration counts per status at a fair. */
export async function countByStatus(
  db: Kysely<Database>,
  fairId: string,
): Promise<Partial<Record<RegistrationStatus, { count: number; booths: number }>>> {
  const rows = await db
    .selectFrom("registrations")
    .select(["status", (eb) => eb.fn.countAll<number>().as("count"), (eb) => eb.fn.sum<number>("booths").as("booths")])
    .where("fair_id", "=", fairId)
    .groupBy("status")
    .execute();
  return Object.fromEntries(rows.map((r) => [r.status, { count: Number(r.count), booths: Number(r.booths) }]));
}

/**
 * Licence copies something still points to: a registration, or a sign-up form in progress (its
 * draft is stored as JSON with the conversation), so a file is never deleted under either.
 */
export async function licencePathsInUse(db: Kysely<Database>, folder: string): Promise<Set<string>> {
  const rows = await db.selectFrom("registrations").select("licence_path").where("licence_path", "is not", null).execute();
  const inUse = new Set(rows.map((row) => row.licence_path!));
  const forms = await db.selectFrom("conversations").select("value").where("value", "like", `%${folder}/%`).execute();
  const pattern = new RegExp(`files/${folder}/[0-9a-f]{64}\\.\\w+`, "g");
  for (const form of forms) for (const found of form.value.match(pattern) ?? []) inUse.add(found);
  return inUse;
}
