import type { Job } from "../../bot/module.js";
import { registrationNotifier } from "./notices.js";
import { expireOffers } from "./waitlist.service.js";

/** Ends waitlist offers not taken in time, tells those applicants, and offers the booths to the next in line. */
export const offerExpiryJob: Job = {
  name: "offer-expiry",
  schedule: "* * * * *",
  async run(deps, now) {
    const { expired, offers } = await expireOffers(deps.db, now, await registrationNotifier(deps));
    return { expired: expired.length, offered: offers.length };
  },
};
