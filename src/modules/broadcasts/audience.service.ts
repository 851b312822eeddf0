import type { Kysely } from "kysely";
import { type Locale, resolveLocale } from "../../domain/locale.js";
import type { RegistrationStatus } from "../../domain/registration.js";
import type { Database } from "../../platform/db/schema.js";
import { fairTopics } from "../catalog/catalog.service.js";
import { followersOf } from "../reminders/subscriptions.service.js";

/**
 * Who a broadcast goes to; only active users (who have not blocked the bot) are ever included.
 * "subscribers" of a fair are those who hear about it through /subscribe, as its reminders do:
 * followers of all fairs, of the fair, of one of its sectors or of its province. Users carry no
 * sector or province of their own, so "sector" means users who follow the sector or signed up for
 * a fair listing it for their company, "province" users who follow it or signed up for a fair there.
 */
export type Audience =
  | { type: "all" }
  | { type: "subscribers"; fairId: string }
  | { type: "registrants"; fairId: string; statuses: RegistrationStatus[] }
  | { type: "sector"; sectorId: string }
  | { type: "province"; province: string }
  | { type: "language"; locale: Locale };

export interface Recipient {
  chatId: number;
  locale: Locale;
}

/** Every active user in the audience, once each, with the language they read. */
export async function resolveAudience(db: Kysely<Database>, audience: Audience, fallback: Locale): Promise<Recipient[]> {
  let query = db.selectFrom("users").select(["id", "language", "language_code"]).where("active", "=", 1).orderBy("id");
  const following = (topic: "sector" | "province", value: string) =>
    db.selectFrom("subscriptions").select("user_id").where("topic", "=", topic).where("value", "=", value);
  switch (audience.type) {
    case "subscribers": {
      const fair = await fairTopics(db, audience.fairId);
      if (!fair) return [];
      query = query.where("id", "in", followersOf(db, fair));
      break;
    }
    case "registrants": {
      let registrations = db.selectFrom("registrations").select("user_id").where("fair_id", "=", audience.fairId);
      if (audience.statuses.length > 0) registrations = registrations.where("status", "in", audience.statuses);
      query = query.where("id", "in", registrations);
      break;
    }
    case "sector":
      // Sector ids are [a-z0-9-] (the dataset schema says so), so the quoted id holds no LIKE wildcard.
      if (!/^[a-z0-9-]+$/.test(audience.sectorId)) return [];
      query = query.where((eb) =>
        eb.or([
          eb("id", "in", following("sector", audience.sectorId)),
          eb("id", "in", db.selectFrom("registrations").select("user_id").where("sectors", "like", `%"${audience.sectorId}"%`)),
        ]),
      );
      break;
    case "province":
      query = query.where((eb) =>
        eb.or([
          eb("id", "in", following("province", audience.province)),
          eb(
            "id",
            "in",
            db
              .selectFrom("registrations")
              .innerJoin("fairs", "fairs.id", "registrations.fair_id")
              .select("registrations.user_id")
              .where("fairs.province", "=", audience.province),
          ),
        ]),
      );
      break;
    case "all":
    case "language":
      break;
  }
  const recipients = (await query.execute()).map((u) => ({ chatId: u.id, locale: resolveLocale(u, fallback) }));
  return audience.type === "language" ? recipients.filter((r) => r.locale === audience.locale) : recipients;
}
