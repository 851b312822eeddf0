import { defineCallback } from "../../platform/telegram/callback.js";

/** Cancel a running broadcast: ask, confirm, or keep it. */
export const cancelBroadcastButton = defineCallback("bc", ["stop", "stop!", "keep"], "int");
