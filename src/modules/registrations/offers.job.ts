import type { Api } from "grammy";
import type { BotDeps } from "../../bot/context.js";
import { notifyApplicant, sendOffers } from "./notices.js";
import { expireOffers } from "./registrations.service.js";

/** Ends waitlist offers not taken in time, tells those applicants, and offers the booths to the next in line. */
export async function runOfferExpiry(deps: BotDeps, api: Api, now: Date): Promise<number> {
  const { expired, offers } = await expireOffers(deps.db, now);
  for (const registration of expired) await notifyApplicant(api, deps, registration, "expired");
  await sendOffers(api, deps, offers);
  return expired.length;
}
