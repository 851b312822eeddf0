import type { BotModule } from "../../bot/module.js";
import { remindersJob } from "./reminders.job.js";
import { subscriptionsComposer } from "./subscriptions.composer.js";

/** What businesses follow, and the reminders they get about it (deadlines, starts, new fairs). */
export const remindersModule: BotModule = {
  name: "reminders",
  composer: subscriptionsComposer,
  commands: {
    public: [
      { command: "subscribe", description: "subscribe.commands.subscribe" },
      { command: "unsubscribe", description: "subscribe.commands.unsubscribe" },
      { command: "settings", description: "subscribe.commands.settings" },
    ],
  },
  jobs: [remindersJob],
};
