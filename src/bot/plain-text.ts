import type { ChatTypeContext, Filter } from "grammy";
import type { BotContext } from "./context.js";

/** A text message in a private chat that is neither a command nor forwarded: a question in the user's own words. */
export type PlainTextContext = ChatTypeContext<Filter<BotContext, "message:text">, "private">;

/**
 * Whether an update is plain text in a private chat. In groups the bot answers commands only, not
 * every message people write to each other; a message forwarded to the bot (an admin adding
 * staff) is not a question either.
 */
export function isPlainText(ctx: BotContext): ctx is PlainTextContext {
  const message = ctx.message;
  return (
    message !== undefined &&
    message.chat.type === "private" &&
    message.text !== undefined &&
    !message.text.startsWith("/") &&
    !message.forward_origin
  );
}
