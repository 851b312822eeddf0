import type { Kysely } from "kysely";
import { todayIn } from "../../domain/dates.js";
import { LOCALES, type Locale, resolveLocale } from "../../domain/locale.js";
import type { RegistrationStatus } from "../../domain/registration.js";
import type { Database } from "../../platform/db/schema.js";
import { countStates, type StateCounts } from "../../platform/outbox/outbox.repository.js";

export interface Stats {
  users: { total: number; active: number; inactive: number; staff: number; byLocale: Record<Locale, number> };
  fairs: { total: number; upcoming: number };
  /** Undefined when the database has no registrations table. */
  registrations: Partial<Record<RegistrationStatus, number>> | undefined;
  outbox: StateCounts;
  broadcasts: { total: number; running: number };
}

/** The figures behind /stats; users are counted by the language the bot speaks with them. */
export async function collectStats(db: Kysely<Database>, now: Date, timezone: string, fallback: Locale): Promise<Stats> {
  const users = await db.selectFrom("users").select(["language", "language_code", "active", "role"]).execute();
  const byLocale = Object.fromEntries(LOCALES.map((l) => [l, 0])) as Record<Locale, number>;
  for (const user of users) if (user.active === 1) byLocale[resolveLocale(user, fallback)] += 1;
  const active = users.filter((u) => u.active === 1).length;

  const today = todayIn(now, timezone);
  const fairs = await db
    .selectFrom("fairs")
    .select((eb) => [
      eb.fn.countAll<number>().as("total"),
      eb.fn.sum<number>(eb.case().when("ends_on", ">=", today).then(1).else(0).end()).as("upcoming"),
    ])
    .executeTakeFirstOrThrow();

  const tables = new Set((await db.introspection.getTables()).map((t) => t.name));
  let registrations: Stats["registrations"];
  if (tables.has("registrations")) {
    const rows = await db
      .selectFrom("registrations")
      .select((eb) => ["status", eb.fn.countAll<number>().as("n")])
      .groupBy("status")
      .execute();
    registrations = Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
  }

  const broadcasts = await db
    .selectFrom("broadcasts")
    .select((eb) => [
      eb.fn.countAll<number>().as("total"),
      eb.fn.sum<number>(eb.case().when("status", "in", ["scheduled", "sending"]).then(1).else(0).end()).as("running"),
    ])
    .executeTakeFirstOrThrow();

  return {
    users: {
      total: users.length,
      active,
      inactive: users.length - active,
      staff: users.filter((u) => u.role !== "business").length,
      byLocale,
    },
    fairs: { total: Number(fairs.total), upcoming: Number(fairs.upcoming ?? 0) },
    registrations,
    outbox: await countStates(db),
    broadcasts: { total: Number(broadcasts.total), running: Number(broadcasts.running ?? 0) },
  };
}
