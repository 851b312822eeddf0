import { Api, Composer, Context } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import { describe, expect, it } from "vitest";
import { sequence } from "../../../src/platform/telegram/sequence.js";

const me = { id: 1, is_bot: true, first_name: "Bot", username: "TradeBot" } as UserFromGetMe;
const update = {
  update_id: 1,
  message: {
    message_id: 1,
    date: 0,
    chat: { id: 7, type: "private" as const, first_name: "Lan" },
    from: { id: 7, is_bot: false, first_name: "Lan" },
    text: "hi",
  },
};
const context = () => new Context(update, new Api("0:x"), me);

describe("sequence", () => {
  it("runs middleware in order, each around the rest, then what comes after", async () => {
    const seen: string[] = [];
    const chain = sequence<Context>(
      async (_ctx, next) => {
        seen.push("a");
        await next();
        seen.push("a again");
      },
      (_ctx, next) => {
        seen.push("b");
        return next();
      },
    );
    await chain(context(), async () => void seen.push("after"));
    expect(seen).toEqual(["a", "b", "after", "a again"]);
  });

  it("stops where a middleware does not call next", async () => {
    const seen: string[] = [];
    const chain = sequence<Context>(
      () => void seen.push("a"),
      () => void seen.push("b"),
    );
    await chain(context(), async () => void seen.push("after"));
    expect(seen).toEqual(["a"]);
  });

  it("runs a composer's routes, those added after the sequence was made included", async () => {
    const seen: string[] = [];
    const feature = new Composer<Context>();
    const chain = sequence<Context>(feature);
    feature.on("message:text", (ctx) => void seen.push(ctx.message.text));
    await chain(context(), async () => void seen.push("after"));
    expect(seen).toEqual(["hi"]);
  });

  it("turns an error thrown by a middleware, at once or later, into a rejection", async () => {
    const thrown = sequence<Context>(() => {
      throw new Error("boom");
    });
    await expect(thrown(context(), async () => undefined)).rejects.toThrow("boom");
    const rejected = sequence<Context>(
      (_ctx, next) => next(),
      async () => {
        throw new Error("later");
      },
    );
    await expect(rejected(context(), async () => undefined)).rejects.toThrow("later");
  });
});
