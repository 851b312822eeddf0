import type { Kysely } from "kysely";
import { LOCALES, type Locale } from "../config.js";
import type { Database, RegistrationStatus } from "../db/schema.js";
import { localeFromLanguageCode } from "./locale.js";

/**
 * Who a broadcast goes to. Users carry no sector or province of their own: "sector" means users
 * who signed up for a fair listing that sector for their company, "province" users who signed up
 * for a fair held there. Only active users (who have not blocked the bot) are ever included.
 */
export type Audience =
  | { type: "all" }
  | { type: "registrants"; fairId: string; statuses: RegistrationStatus[] }
  | { type: "sector"; sectorId: string }
  | { type: "province"; province: string }
  | { type: "language"; locale: Locale };

export interface Recipient {
  chatId: number;
  locale: Locale;
}

/** The language the bot speaks with a user: their choice, else Telegram's, else the default. */
export function userLocale(user: { language: string | null; language_code: string | null }, fallback: Locale): Locale {
  const chosen = user.language as Locale | null;
  return chosen && LOCALES.includes(chosen) ? chosen : localeFromLanguageCode(user.language_code ?? undefined, fallback);
}

/** Every active user in the audience, once each, with the language they read. */
export async function resolveAudience(db: Kysely<Database>, audience: Audience, fallback: Locale): Promise<Recipient[]> {
  let query = db.selectFrom("users").select(["id", "language", "language_code"]).where("active", "=", 1).orderBy("id");
  switch (audience.type) {
    case "registrants": {
      let registrations = db.selectFrom("registrations").select("user_id").where("fair_id", "=", audience.fairId);
      if (audience.statuses.length > 0) registrations = registrations.where("status", "in", audience.statuses);
      query = query.where("id", "in", registrations);
      break;
    }
    case "sector":
      // Sector ids are [a-z0-9-] (the dataset schema says so), so the quoted id holds no LIKE wildcard.
      if (!/^[a-z0-9-]+$/.test(audience.sectorId)) return [];
      query = query.where("id", "in", db.selectFrom("registrations").select("user_id").where("sectors", "like", `%"${audience.sectorId}"%`));
      break;
    case "province":
      query = query.where(
        "id",
        "in",
        db
          .selectFrom("registrations")
          .innerJoin("fairs", "fairs.id", "registrations.fair_id")
          .select("registrations.user_id")
          .where("fairs.province", "=", audience.province),
      );
      break;
    case "all":
    case "language":
      break;
  }
  const recipients = (await query.execute()).map((u) => ({ chatId: u.id, locale: userLocale(u, fallback) }));
  return audience.type === "language" ? recipients.filter((r) => r.locale === audience.locale) : recipients;
}
