import { defineCallback } from "../../platform/telegram/callback.js";

/** A fair's QR code as a PNG, for posters and booth signs (staff, on the fair card). */
export const posterButton = defineCallback("qr", "id");
