import { purgeFinishedBefore } from "../platform/outbox/outbox.repository.js";
import { purgeHandledUpdates } from "../platform/telegram/webhook.js";
import { deleteConversationsBefore } from "./conversation-store.js";
import type { Job } from "./module.js";

/** A form left untouched this long is abandoned: its state is deleted. */
const ABANDONED_AFTER_DAYS = 30;
/** Finished outbox rows are kept this long (the delivery detail of a broadcast or a reminder), then purged. */
export const OUTBOX_KEPT_DAYS = 90;
const DAY_MS = 86_400_000;
/** Webhook updates handled are remembered this long, to recognise one Telegram sends again. */
const UPDATES_KEPT_DAYS = 2;

/** Every night: abandoned forms, old finished outbox rows and old handled webhook updates go. */
export const dailyPurgeJob: Job = {
  name: "daily-purge",
  schedule: "17 3 * * *",
  async run(deps, now) {
    const conversations = await deleteConversationsBefore(deps.db, new Date(now.getTime() - ABANDONED_AFTER_DAYS * DAY_MS));
    const outbox = await purgeFinishedBefore(deps.db, new Date(now.getTime() - OUTBOX_KEPT_DAYS * DAY_MS).toISOString());
    const updates = await purgeHandledUpdates(deps.db, new Date(now.getTime() - UPDATES_KEPT_DAYS * DAY_MS).toISOString());
    return { conversations, outbox, updates };
  },
};
