import { Api, Context } from "grammy";
import type { Message, Update, UserFromGetMe } from "grammy/types";
import { describe, expect, it } from "vitest";
import type { BotContext } from "../../src/bot/context.js";
import { isPlainText } from "../../src/bot/plain-text.js";

const me = { id: 1, is_bot: true, first_name: "Bot", username: "TradeBot" } as UserFromGetMe;
const user = { id: 7, is_bot: false, first_name: "Lan" };
const privateChat = { id: 7, type: "private" as const, first_name: "Lan" };

function message(fields: Partial<Message>): BotContext {
  const update = { update_id: 1, message: { message_id: 1, date: 0, chat: privateChat, from: user, ...fields } } as Update;
  return new Context(update, new Api("0:x"), me) as BotContext;
}

describe("plain text", () => {
  it("is a text message in a private chat", () => {
    expect(isPlainText(message({ text: "hc lao cai khi nao" }))).toBe(true);
  });

  it("is not a command", () => {
    expect(isPlainText(message({ text: "/fairs", entities: [{ type: "bot_command", offset: 0, length: 6 }] }))).toBe(false);
  });

  it("is not a forwarded message", () => {
    const forward_origin = { type: "hidden_user" as const, date: 0, sender_user_name: "Minh" };
    expect(isPlainText(message({ text: "hello", forward_origin }))).toBe(false);
  });

  it("is not text in a group", () => {
    expect(isPlainText(message({ text: "hello", chat: { id: -5, type: "group", title: "Staff" } }))).toBe(false);
  });

  it("is not a caption, a document or a button press", () => {
    expect(isPlainText(message({ caption: "licence" }))).toBe(false);
    const press = new Context(
      { update_id: 2, callback_query: { id: "q", from: user, chat_instance: "c", data: "menu:fairs" } },
      new Api("0:x"),
      me,
    ) as BotContext;
    expect(isPlainText(press)).toBe(false);
  });
});
