/**
 * Links that open the bot at something: https://t.me/<bot>?start=<payload>, which Telegram turns
 * into "/start <payload>" (1–64 of A-Z a-z 0-9 _ -, so fair ids fit as they are).
 */
const FAIR = /^fair-([a-z0-9][a-z0-9-]{0,47})$/;

/** The payload that opens a fair's card: "fair-<id>". */
export const fairStartPayload = (fairId: string): string => `fair-${fairId}`;

/** The fair id in a /start payload, if it is a fair's link. */
export const fairOfStartPayload = (payload: string): string | undefined => FAIR.exec(payload.trim())?.[1];

/** Whether a /start payload is a link a module answers (the rest get the greeting). */
export const isStartLink = (payload: string): boolean => /^fair-/.test(payload.trim());

/** The t.me link that opens the bot with a payload. */
export const startLink = (botUsername: string, payload: string): string =>
  `https://t.me/${encodeURIComponent(botUsername)}?start=${encodeURIComponent(payload)}`;
