import { type Context, GrammyError, InlineKeyboard } from "grammy";
import { describe, expect, it } from "vitest";
import { showButtonsInPlace, showInPlace } from "../../../src/platform/telegram/edit.js";

const badRequest = (description: string) =>
  new GrammyError("Call to 'editMessageText' failed!", { ok: false, error_code: 400, description }, "editMessageText", {});

/** A pressed button's context whose edits fail with `error` (or succeed); records what it sends. */
function pressed(error?: unknown) {
  const sent: Array<{ text: string; buttons: string[] }> = [];
  const edit = async () => {
    if (error) throw error;
    return true;
  };
  const ctx = {
    callbackQuery: { message: { text: "Pick one", entities: [] } },
    editMessageText: edit,
    editMessageReplyMarkup: edit,
    reply: async (text: string, options?: { reply_markup?: InlineKeyboard }) => {
      sent.push({ text, buttons: options?.reply_markup?.inline_keyboard.flat().map((b) => b.text) ?? [] });
      return {};
    },
  } as unknown as Context;
  return { ctx, sent };
}

const keyboard = new InlineKeyboard().text("Next", "next");

describe("showing a view on the pressed message", () => {
  it("an edit Telegram calls 'not modified' (the same button pressed again) is done: nothing else is sent", async () => {
    const { ctx, sent } = pressed(badRequest("Bad Request: message is not modified: specified new message content"));
    await showInPlace(ctx, { text: "Page 1", keyboard });
    await showButtonsInPlace(ctx, keyboard);
    expect(sent).toEqual([]);
  });

  it("a message too old to edit gets the view as a new message", async () => {
    const { ctx, sent } = pressed(badRequest("Bad Request: message can't be edited"));
    await showInPlace(ctx, { text: "Page 2", keyboard });
    expect(sent).toEqual([{ text: "Page 2", buttons: ["Next"] }]);
  });

  it("new buttons for a message that is gone come with its text again", async () => {
    const { ctx, sent } = pressed(badRequest("Bad Request: message to edit not found"));
    await showButtonsInPlace(ctx, keyboard);
    expect(sent).toEqual([{ text: "Pick one", buttons: ["Next"] }]);
  });

  it("a network failure is not hidden: it reaches the error boundary like any failed request", async () => {
    const { ctx } = pressed(new Error("socket hang up"));
    await expect(showInPlace(ctx, { text: "Page 1", keyboard })).rejects.toThrow("socket hang up");
  });
});
