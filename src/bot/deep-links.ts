import { InlineKeyboard } from "grammy";
import type { BotContext } from "./context.js";

/**
 * What a link https://t.me/<bot>?start=<payload> opens in the private chat. People's /start passes
 * these on; the module that owns each answers `/start <payload>` as it answers its command.
 */
export const DEEP_LINKS = ["register", "mine", "subscribe"] as const;
export type DeepLink = (typeof DEEP_LINKS)[number];

export const isDeepLink = (payload: string): payload is DeepLink => (DEEP_LINKS as readonly string[]).includes(payload);

// A fair's link (its QR code on a poster or page) opens its card, in any chat. Payloads are 1–64 of
// A-Z a-z 0-9 _ -, so fair ids fit as they are.
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

/** Whether this update is `/start <payload>` for this deep link. */
export const startedWith = (ctx: BotContext, link: DeepLink): boolean => String(ctx.match ?? "").trim() === link;

/**
 * A command that works only in the private chat (it shows or asks for a company's own data), sent
 * in a group: a short answer with a button that opens the private chat at that command.
 */
export async function pointToPrivateChat(ctx: BotContext, link: DeepLink): Promise<void> {
  const url = startLink(ctx.me.username, link);
  await ctx.reply(ctx.t("common.private_chat_hint", { command: `/${commandOf[link]}` }), {
    parse_mode: "HTML",
    reply_markup: new InlineKeyboard().url(ctx.t("common.private_chat_button"), url),
    reply_parameters: ctx.message ? { message_id: ctx.message.message_id, allow_sending_without_reply: true } : undefined,
  });
}

const commandOf: Record<DeepLink, string> = { register: "register", mine: "myregistrations", subscribe: "subscribe" };
