import type { Kysely, Selectable } from "kysely";
import type { Fair } from "../../domain/catalog.js";
import { parseI18n, parseList, toJson } from "../../platform/db/json.js";
import type { Database, FairsTable } from "../../platform/db/schema.js";

const toFair = (row: Selectable<FairsTable>, sectors: string[]): Fair => ({
  id: row.id,
  kind: row.kind,
  name: parseI18n(row.name),
  city: parseI18n(row.city),
  venue: parseI18n(row.venue),
  province: row.province,
  startsOn: row.starts_on,
  endsOn: row.ends_on,
  registrationDeadline: row.registration_deadline,
  boothCapacity: row.booth_capacity,
  boothFee: parseI18n(row.booth_fee),
  organizer: parseI18n(row.organizer),
  theme: parseI18n(row.theme),
  contactId: row.contact_id,
  sectors,
  aliases: parseList(row.aliases),
  revision: row.revision,
  revisedAt: row.revised_at ?? row.updated_at,
});

/** All fairs, soonest first, each with its sector ids. */
export async function listFairs(db: Kysely<Database>): Promise<Fair[]> {
  const rows = await db.selectFrom("fairs").selectAll().orderBy("starts_on").orderBy("id").execute();
  const links = await db.selectFrom("fair_sectors").selectAll().execute();
  const sectorsByFair = new Map<string, string[]>();
  for (const link of links) {
    const list = sectorsByFair.get(link.fair_id) ?? [];
    list.push(link.sector_id);
    sectorsByFair.set(link.fair_id, list);
  }
  return rows.map((row) => toFair(row, sectorsByFair.get(row.id) ?? []));
}

export async function fairExists(db: Kysely<Database>, id: string): Promise<boolean> {
  return (await db.selectFrom("fairs").select("id").where("id", "=", id).executeTakeFirst()) !== undefined;
}

/** JSON with object keys sorted, so the order a file wrote them in does not count as a change. */
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([x], [y]) => x.localeCompare(y)))
      : v,
  );

/** What a fair says, in one string: two equal strings mean an import changed nothing in it. */
const contentOf = ({ revision: _revision, revisedAt: _revisedAt, ...fair }: Fair): string =>
  canonical({ ...fair, sectors: [...fair.sectors].sort() });

/**
 * Inserts or updates a fair by id and replaces its sector links. An update that changes what the
 * fair says raises its revision (calendar feeds give it as SEQUENCE); one that changes nothing
 * keeps it. Returns true when the fair was new.
 */
export async function upsertFair(db: Kysely<Database>, fair: Fair, now: string): Promise<boolean> {
  const values = {
    kind: fair.kind,
    name: toJson(fair.name),
    city: toJson(fair.city),
    venue: toJson(fair.venue),
    province: fair.province,
    starts_on: fair.startsOn,
    ends_on: fair.endsOn,
    registration_deadline: fair.registrationDeadline,
    booth_capacity: fair.boothCapacity,
    booth_fee: fair.boothFee ? toJson(fair.boothFee) : null,
    organizer: toJson(fair.organizer),
    theme: fair.theme ? toJson(fair.theme) : null,
    contact_id: fair.contactId,
    aliases: toJson(fair.aliases),
  };
  const stored = await db.selectFrom("fairs").selectAll().where("id", "=", fair.id).executeTakeFirst();
  if (!stored) {
    await db
      .insertInto("fairs")
      .values({ id: fair.id, ...values, created_at: now, updated_at: now, revision: 0, revised_at: now })
      .execute();
  } else {
    const links = await db.selectFrom("fair_sectors").select("sector_id").where("fair_id", "=", fair.id).execute();
    const before = toFair(
      stored,
      links.map((link) => link.sector_id),
    );
    const changed = contentOf(before) !== contentOf(fair);
    await db
      .updateTable("fairs")
      .set({ ...values, updated_at: now, ...(changed ? { revision: stored.revision + 1, revised_at: now } : {}) })
      .where("id", "=", fair.id)
      .execute();
  }
  await db.deleteFrom("fair_sectors").where("fair_id", "=", fair.id).execute();
  if (fair.sectors.length > 0) {
    await db
      .insertInto("fair_sectors")
      .values(fair.sectors.map((sector_id) => ({ fair_id: fair.id, sector_id })))
      .execute();
  }
  return !stored;
}

/** A fair's id, province and sector ids: what following it is about. */
export async function findFairTopics(
  db: Kysely<Database>,
  id: string,
): Promise<Pick<Fair, "id" | "province" | "sectors"> | undefined> {
  const row = await db.selectFrom("fairs").select(["id", "province"]).where("id", "=", id).executeTakeFirst();
  if (!row) return undefined;
  const links = await db.selectFrom("fair_sectors").select("sector_id").where("fair_id", "=", id).execute();
  return { id: row.id, province: row.province, sectors: links.map((l) => l.sector_id) };
}
