import { Api, Composer, Context } from "grammy";
import type { Chat, UserFromGetMe } from "grammy/types";
import { describe, expect, it } from "vitest";

// Only what command matching reads.
const me = { id: 1, is_bot: true, first_name: "Bot", username: "TradeBot" } as UserFromGetMe;
const user = { id: 7, is_bot: false, first_name: "Lan" };
const privateChat = { id: 7, type: "private" as const, first_name: "Lan" };
const group = { id: -5, type: "group" as const, title: "Staff" };

function text(value: string, chat: Chat.PrivateChat | Chat.GroupChat = privateChat): Context {
  const command = /^\/\S+/.exec(value);
  const entities = command ? [{ type: "bot_command" as const, offset: 0, length: command[0].length }] : undefined;
  return new Context(
    { update_id: 1, message: { message_id: 1, date: 0, chat, from: user, text: value, entities } },
    new Api("0:x"),
    me,
  );
}

function button(data: string): Context {
  const message = {
    message_id: 2,
    date: 0,
    chat: privateChat,
    from: { ...user, id: 1, is_bot: true, first_name: "Bot" },
    text: "menu",
  };
  return new Context(
    { update_id: 2, callback_query: { id: "q", from: user, chat_instance: "c", data, message } },
    new Api("0:x"),
    me,
  );
}

/** Runs the feature, then a last middleware that records "after". */
async function run(feature: Composer<Context>, ctx: Context): Promise<string[]> {
  const seen: string[] = [];
  (ctx as Context & { seen: string[] }).seen = seen;
  await feature.middleware()(ctx, async () => void seen.push("after"));
  return seen;
}
const log = (ctx: Context, entry: string) => (ctx as Context & { seen: string[] }).seen.push(entry);

describe("routing with grammY Composer, as the modules use it", () => {
  it("matches a command with or without this bot's username and sets ctx.match to the rest", async () => {
    const feature = new Composer<Context>();
    feature.command("staff", (ctx) => log(ctx, `staff:${ctx.match}`));
    expect(await run(feature, text("/staff add 42"))).toEqual(["staff:add 42"]);
    expect(await run(feature, text("/staff@tradebot  remove"))).toEqual(["staff:remove"]);
    expect(await run(feature, text("/staff@OtherBot add"))).toEqual(["after"]);
    expect(await run(feature, text("/stafff"))).toEqual(["after"]);
    expect(await run(feature, text("staff"))).toEqual(["after"]);
  });

  it("matches any command of a list", async () => {
    const feature = new Composer<Context>();
    feature.command(["stats", "import"], (ctx) => log(ctx, ctx.msg.text ?? ""));
    expect(await run(feature, text("/import"))).toEqual(["/import"]);
  });

  it("matches callback data by string, RegExp or a list of them, setting ctx.match like grammY", async () => {
    const feature = new Composer<Context>();
    feature.callbackQuery("menu:fairs", (ctx) => log(ctx, `string:${String(ctx.match)}`));
    feature.callbackQuery([/^fair:(\w+)$/, /^dl:(\w+)$/], (ctx) => log(ctx, `regexp:${ctx.match[0]}:${ctx.match[1]}`));
    expect(await run(feature, button("menu:fairs"))).toEqual(["string:menu:fairs"]);
    expect(await run(feature, button("dl:canton"))).toEqual(["regexp:dl:canton:canton"]);
    expect(await run(feature, button("gate:x"))).toEqual(["after"]);
  });

  it("runs the first matching route only, unless it calls next", async () => {
    const feature = new Composer<Context>();
    feature.on("message:text", async (ctx, next) => {
      log(ctx, "first");
      await next();
      log(ctx, "first again");
    });
    feature.on("message", (ctx) => log(ctx, "second"));
    feature.on("message", (ctx) => log(ctx, "third"));
    expect(await run(feature, text("hello"))).toEqual(["first", "second", "first again"]);
  });

  it("goes on to the middleware after the feature when the last route calls next", async () => {
    const feature = new Composer<Context>();
    feature.use((ctx, next) => {
      log(ctx, "used");
      return next();
    });
    feature.on("callback_query", (_ctx, next) => next());
    expect(await run(feature, button("x"))).toEqual(["used", "after"]);
  });

  it("checks a chat type's routes at the place the scope was made", async () => {
    const feature = new Composer<Context>();
    feature.command("a", (ctx, next) => {
      log(ctx, "before");
      return next();
    });
    const private_ = feature.chatType("private");
    feature.command("a", (ctx) => log(ctx, "everywhere"));
    private_.command("a", (ctx) => log(ctx, `private:${ctx.chat.type}`));
    expect(await run(feature, text("/a"))).toEqual(["before", "private:private"]);
    expect(await run(feature, text("/a", group))).toEqual(["before", "everywhere"]);
  });

  it("turns an error thrown by a handler into a rejection", async () => {
    const feature = new Composer<Context>();
    feature.on("message", () => {
      throw new Error("boom");
    });
    const result = feature.middleware()(text("x"), async () => undefined);
    await expect(result).rejects.toThrow("boom");
  });

  it("runs a feature used inside another in its place, a scope inside it included, and goes on after it", async () => {
    const inner = new Composer<Context>();
    inner.command("a", (ctx, next) => {
      log(ctx, "inner");
      return next();
    });
    inner.chatType("group").command("a", (ctx) => log(ctx, "inner group"));
    const outer = new Composer<Context>();
    outer.use((ctx, next) => {
      log(ctx, "first");
      return next();
    });
    outer.use(inner);
    outer.command("a", (ctx, next) => {
      log(ctx, "last");
      return next();
    });
    expect(await run(outer, text("/a"))).toEqual(["first", "inner", "last", "after"]);
    expect(await run(outer, text("/a", group))).toEqual(["first", "inner", "inner group"]);
    expect(await run(inner, text("/a", group))).toEqual(["inner", "inner group"]);
  });
});
