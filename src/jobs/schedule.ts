import cron from "node-cron";
import type { Api } from "grammy";
import type { BotDeps } from "../bot/context.js";
import { runOfferExpiry } from "./offers.js";

/** Registers the periodic jobs with node-cron; each job takes `now` from the deps' clock. Returns a stop function. */
export function scheduleJobs(deps: BotDeps, api: Api): () => void {
  const tasks = [
    cron.schedule(
      "* * * * *",
      async () => {
        try {
          const expired = await runOfferExpiry(deps, api, deps.clock());
          if (expired > 0) deps.logger.info({ expired }, "waitlist offers expired");
        } catch (error) {
          deps.logger.error({ err: error }, "offer expiry failed");
        }
      },
      { timezone: deps.config.timezone, noOverlap: true, name: "offer-expiry" },
    ),
  ];
  return () => {
    for (const task of tasks) void task.stop();
  };
}
