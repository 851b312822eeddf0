import { defineCallback } from "../../platform/telegram/callback.js";

/** The audit log's page of entries older than an entry; 0 is the newest page. */
export const auditButton = defineCallback("au", "int");
/** Admins: make someone staff, or take it back. */
export const staffButton = defineCallback("staff", ["add", "rm"], "int");
