import type { Kysely } from "kysely";
import { LIVE_STATUSES } from "../../domain/registration.js";
import { writeInChunks } from "../../platform/db/chunks.js";
import type { Database, ReminderKind } from "../../platform/db/schema.js";
import { followersOf } from "./subscriptions.repository.js";

// SQLite binds at most 32,766 values per statement; 5 columns × 1,000 rows stays far below.
const INSERT_CHUNK = 1000;

export interface ReminderFair {
  id: string;
  province: string;
  startsOn: string;
  registrationDeadline: string;
  publishedAt: string;
  sectors: string[];
}

/** Fairs that may still have reminders due: not started yet, or still open for registration. */
export async function listReminderFairs(db: Kysely<Database>, today: string, now: Date): Promise<ReminderFair[]> {
  const rows = await db
    .selectFrom("fairs")
    .select(["id", "province", "starts_on", "registration_deadline", "created_at"])
    .where((eb) => eb.or([eb("starts_on", ">=", today), eb("registration_deadline", ">", now.toISOString())]))
    .execute();
  if (rows.length === 0) return [];
  const links = await db
    .selectFrom("fair_sectors")
    .selectAll()
    .where(
      "fair_id",
      "in",
      rows.map((r) => r.id),
    )
    .execute();
  return rows.map((row) => ({
    id: row.id,
    province: row.province,
    startsOn: row.starts_on,
    registrationDeadline: row.registration_deadline,
    publishedAt: row.created_at,
    sectors: links.filter((l) => l.fair_id === row.id).map((l) => l.sector_id),
  }));
}

export interface RecipientQuery {
  fair: ReminderFair;
  kind: ReminderKind;
  /** Leave out users with a live registration for the fair. */
  unregisteredOnly: boolean;
  /** Only subscriptions made before this instant (a new fair is news to those who followed before it). */
  subscribedBefore?: string;
}

export interface Recipient {
  id: number;
  language: string | null;
  language_code: string | null;
  timezone: string | null;
}

/**
 * Active users who follow the fair (all fairs, the fair, one of its sectors or its province) and
 * have not had this reminder: one statement over the subscriptions index, no per-user queries.
 */
export async function findRecipients(db: Kysely<Database>, query: RecipientQuery): Promise<Recipient[]> {
  const { fair, kind } = query;
  const followers = followersOf(db, fair, query.subscribedBefore);
  let users = db
    .selectFrom("users as u")
    .select(["u.id", "u.language", "u.language_code", "u.timezone"])
    .where("u.active", "=", 1)
    .where("u.id", "in", followers)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom("reminder_deliveries as d")
            .select("d.user_id")
            .whereRef("d.user_id", "=", "u.id")
            .where("d.fair_id", "=", fair.id)
            .where("d.kind", "=", kind),
        ),
      ),
    );
  if (query.unregisteredOnly) {
    users = users.where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom("registrations as r")
            .select("r.id")
            .whereRef("r.user_id", "=", "u.id")
            .where("r.fair_id", "=", fair.id)
            .where("r.status", "in", LIVE_STATUSES),
        ),
      ),
    );
  }
  return users.execute();
}

export interface Delivery {
  userId: number;
  fairId: string;
  kind: ReminderKind;
  notBefore: Date;
}

/** Records reminders as chosen; a key already recorded is left alone. Returns how many were new. */
export async function insertDeliveries(db: Kysely<Database>, deliveries: Delivery[], now: Date): Promise<number> {
  const createdAt = now.toISOString();
  return writeInChunks(deliveries, INSERT_CHUNK, async (chunk) => {
    const rows = chunk.map((d) => ({
      user_id: d.userId,
      fair_id: d.fairId,
      kind: d.kind,
      not_before: d.notBefore.toISOString(),
      created_at: createdAt,
    }));
    const result = await db
      .insertInto("reminder_deliveries")
      .values(rows)
      .onConflict((oc) => oc.columns(["user_id", "fair_id", "kind"]).doNothing())
      .executeTakeFirst();
    return result.numInsertedOrUpdatedRows;
  });
}

/** When each fair closes and starts. */
export async function fairDates(
  db: Kysely<Database>,
  ids: string[],
): Promise<Map<string, { startsOn: string; registrationDeadline: string }>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom("fairs").select(["id", "starts_on", "registration_deadline"]).where("id", "in", ids).execute();
  return new Map(rows.map((r) => [r.id, { startsOn: r.starts_on, registrationDeadline: r.registration_deadline }]));
}

/** "user:fair" of every live registration at these fairs. */
export async function registeredPairs(db: Kysely<Database>, fairIds: string[]): Promise<Set<string>> {
  if (fairIds.length === 0) return new Set();
  const rows = await db
    .selectFrom("registrations")
    .select(["user_id", "fair_id"])
    .where("fair_id", "in", fairIds)
    .where("status", "in", LIVE_STATUSES)
    .execute();
  return new Set(rows.map((r) => `${r.user_id}:${r.fair_id}`));
}
