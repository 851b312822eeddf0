import { defineCallback } from "../../platform/telegram/callback.js";

/** The subscribe menu (m) and its lists of fairs, sectors and provinces. */
export const subscribeViewButton = defineCallback("sub:v", ["m", "f", "s", "p"]);
export type SubscribeView = "m" | "f" | "s" | "p";
export const subscribeAllButton = defineCallback("sub:all");
/** Follow or stop following a fair (f), a sector (s) or a province (p, by its slug). */
export const subscribeTopicButton = defineCallback("sub", ["f", "s", "p"], "id");
export const subscribeDoneButton = defineCallback("sub:done");
export const unsubscribeListButton = defineCallback("uns:list");
export const unsubscribeButton = defineCallback("uns", "int");
export const unsubscribeAllButton = defineCallback("uns:all");
/** From the sign-up's last message: no reminders about this fair. */
export const unsubscribeFairButton = defineCallback("uns:f", "id");
/** The zone of quiet hours. */
export const zoneButton = defineCallback("set:tz", ["vn", "cn"]);
