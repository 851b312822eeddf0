import { autoRetry } from "@grammyjs/auto-retry";
import { Bot, InlineKeyboard, InputFile } from "grammy";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type BotApiServer, type SandboxUser, startBotApiServer, type UploadedFile } from "../../src/sandbox/bot-api-server.js";

const user: SandboxUser = { id: 1001, first_name: "Lan", language_code: "vi" };

let api: BotApiServer;
let bot: Bot | undefined;

beforeEach(async () => {
  api = await startBotApiServer();
});

afterEach(async () => {
  // Stop the bot first: its final getUpdates (confirming the offset) needs the server.
  await bot?.stop();
  bot = undefined;
  await api.close();
});

/** Starts a real grammY bot polling the fake server; resolves once polling has begun. */
async function startBot(setup: (bot: Bot) => void): Promise<Bot> {
  const b = new Bot(api.token, { client: { apiRoot: api.apiRoot } });
  setup(b);
  await new Promise<void>((resolve, reject) => {
    b.start({ onStart: () => resolve(), timeout: 10 }).catch(reject);
  });
  bot = b;
  return b;
}

async function call(method: string, body?: object, token = api.token) {
  const res = await fetch(`${api.apiRoot}/bot${token}/${method}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body ?? {}),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe("local Bot API server over HTTP", () => {
  it("answers getMe, rejects foreign tokens and unknown methods", async () => {
    expect(api.apiRoot).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const me = await call("getMe");
    expect(me.body).toMatchObject({ ok: true, result: { is_bot: true, username: "border_trade_test_bot" } });
    expect(await call("getMe", {}, "999:WRONG")).toEqual({
      status: 401,
      body: { ok: false, error_code: 401, description: "Unauthorized" },
    });
    expect(await call("fooBar")).toEqual({
      status: 404,
      body: { ok: false, error_code: 404, description: "Not Found: method not found" },
    });
    expect(api.calls.map((c) => c.method)).toEqual(["getMe", "fooBar"]);
  });

  it("long-polls: holds getUpdates until an update arrives, honours offset and timeout", async () => {
    const started = performance.now();
    const empty = await call("getUpdates", { timeout: 0.2 });
    expect(empty.body.result).toEqual([]);
    expect(performance.now() - started).toBeGreaterThanOrEqual(150);

    // Two concurrent polls both see the update; neither may hang or crash the server.
    const polls = [call("getUpdates", { timeout: 5 }), call("getUpdates", { timeout: 5 })];
    await api.waitFor((c) => c.method === "getUpdates", { since: 1 });
    const id = api.sendText(user, "/start@border_trade_test_bot hello");
    for (const p of await Promise.all(polls)) {
      expect(p.body.result).toMatchObject([
        {
          update_id: id,
          message: {
            text: "/start@border_trade_test_bot hello",
            entities: [{ type: "bot_command", offset: 0, length: "/start@border_trade_test_bot".length }],
          },
        },
      ]);
    }
    const from = { id: 5, is_bot: false, first_name: "X" };
    const second = api.pushUpdate({
      message: { message_id: 99, date: 0, chat: { id: 5, type: "private", first_name: "X" }, from },
    });
    expect(second).toBe(id + 1);
    const afterConfirm = await call("getUpdates", { offset: id + 1, limit: 10 });
    expect((afterConfirm.body.result as { update_id: number }[]).map((u) => u.update_id)).toEqual([second]);
    expect((await call("getUpdates", { offset: second + 1 })).body.result).toEqual([]);
  });

  it("close() ends pending long polls with an empty result", async () => {
    const pending = call("getUpdates", { timeout: 30 });
    await api.waitFor((c) => c.method === "getUpdates");
    await api.close();
    expect((await pending).body).toEqual({ ok: true, result: [] });
  });

  it("waitFor rejects with the recent calls listed", async () => {
    await call("sendMessage", { chat_id: 7, text: "only this" });
    await expect(api.waitFor((c) => c.method === "sendPhoto", 100)).rejects.toThrow(/#0 sendMessage .*only this/);
  });
});

describe("with a real grammY bot", () => {
  const setup = (b: Bot) => {
    b.command("start", (ctx) => ctx.reply("hi", { reply_markup: new InlineKeyboard().text("Go", "go") }));
    b.callbackQuery("go", async (ctx) => {
      await ctx.answerCallbackQuery();
      await ctx.editMessageText("went");
    });
    b.command("csv", (ctx) =>
      ctx.replyWithDocument(new InputFile(Buffer.from("x"), "a.csv"), {
        caption: "data",
        reply_markup: new InlineKeyboard().text("Again", "csv"),
      }),
    );
  };

  it("replies to /start, then a button press answers the query and edits the message", async () => {
    await startBot(setup);
    const since = api.calls.length;
    api.sendText(user, "/start");
    const reply = await api.nextReply(user.id, { since });
    expect(reply.method).toBe("sendMessage");
    expect(reply.payload).toMatchObject({
      chat_id: user.id,
      text: "hi",
      reply_markup: { inline_keyboard: [[{ text: "Go", callback_data: "go" }]] },
    });

    const afterReply = api.calls.length;
    const queryId = api.pressButton(user, "go");
    const edit = await api.nextReply(user.id, { since: afterReply });
    const answer = await api.waitFor((c) => c.method === "answerCallbackQuery", { since: afterReply });
    expect(answer.payload.callback_query_id).toBe(queryId);
    expect(edit.method).toBe("editMessageText");
    expect(edit.payload).toMatchObject({ chat_id: user.id, message_id: 2, text: "went" });
    expect(answer.at).toBeLessThan(edit.at);
    expect(api.messagesTo(user.id).map((c) => c.method)).toEqual(["sendMessage", "editMessageText"]);
    // bot.start() calls getMe (bot.init) before deleteWebhook.
    expect(api.calls.slice(0, 2).map((c) => c.method)).toEqual(["getMe", "deleteWebhook"]);
  });

  it("keeps edits: a second press sees the edited message, and an identical edit is refused like Telegram does", async () => {
    const errors: string[] = [];
    const seen: Array<string | undefined> = [];
    await startBot((b) => {
      b.use((ctx, next) => {
        if (ctx.callbackQuery) seen.push(ctx.callbackQuery.message?.text);
        return next();
      });
      setup(b);
      b.catch((err) => {
        errors.push(err.message);
      });
    });
    api.sendText(user, "/start");
    await api.nextReply(user.id, { since: 0 });
    api.pressButton(user, "go");
    await api.waitFor((c) => c.method === "editMessageText");
    api.pressButton(user, "go");
    await expect.poll(() => errors.length).toBe(1);
    expect(seen).toEqual(["hi", "went"]);
    expect(errors[0]).toMatch(/message is not modified/);
  });

  it("records document uploads (multipart) with file name, bytes and parsed JSON fields", async () => {
    await startBot(setup);
    const since = api.calls.length;
    api.sendText(user, "/csv");
    const reply = await api.nextReply(user.id, { since });
    expect(reply.method).toBe("sendDocument");
    const doc = reply.payload.document as UploadedFile;
    expect(doc.fileName).toBe("a.csv");
    expect(doc.mimeType).toBe("text/csv");
    expect(doc.data.equals(Buffer.from("x"))).toBe(true);
    expect(reply.payload).toMatchObject({
      chat_id: user.id,
      caption: "data",
      reply_markup: { inline_keyboard: [[{ text: "Again", callback_data: "csv" }]] },
    });
  });

  it("returns realistic messages to the bot", async () => {
    const sent: unknown[] = [];
    await startBot((b) =>
      b.on("message:text", async (ctx) => {
        sent.push(await ctx.reply(`echo ${ctx.message.text}`));
        sent.push(await ctx.replyWithDocument(new InputFile(Buffer.from("abc"), "r.pdf")));
      }),
    );
    api.sendText(user, "one");
    // waitFor resolves when the request arrives, before the bot has read the response.
    await api.waitFor((c) => c.method === "sendDocument");
    await expect.poll(() => sent.length).toBe(2);
    expect(sent[0]).toMatchObject({
      message_id: 2,
      chat: { id: user.id, type: "private" },
      from: { is_bot: true, username: "border_trade_test_bot" },
      text: "echo one",
    });
    expect(sent[1]).toMatchObject({
      message_id: 3,
      document: { file_name: "r.pdf", mime_type: "application/pdf", file_size: 3 },
    });
  });

  it("injects failures: auto-retry survives a 429 and the retry is recorded", async () => {
    api.failNext("sendMessage", {
      status: 429,
      body: { ok: false, error_code: 429, description: "Too Many Requests: retry after 1", parameters: { retry_after: 1 } },
    });
    await startBot((b) => {
      b.api.config.use(autoRetry());
      b.on("message", (ctx) => ctx.reply("ok"));
    });
    api.sendText(user, "hello");
    const first = await api.waitFor((c) => c.method === "sendMessage");
    await api.waitFor((c) => c.method === "sendMessage", { since: api.calls.indexOf(first) + 1 });
    const attempts = api.calls.filter((c) => c.method === "sendMessage");
    expect(attempts).toHaveLength(2);
    expect(attempts[1]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(900);
  });

  it("surfaces injected errors and custom handlers to the bot", async () => {
    const errors: string[] = [];
    api.failNext("sendMessage", { status: 500, body: { ok: false, error_code: 500, description: "Internal Server Error" } });
    api.setHandler("sendChatAction", () => "custom");
    const b = await startBot((b) => {
      b.on("message", async (ctx) => {
        errors.push(String(await ctx.replyWithChatAction("typing")));
        await ctx.reply("boom");
      });
      b.catch((err) => {
        errors.push(err.message);
      });
    });
    expect(b.botInfo.username).toBe("border_trade_test_bot");
    api.sendText(user, "x");
    await api.waitFor((c) => c.method === "sendMessage");
    await expect.poll(() => errors.length).toBe(2);
    expect(errors[0]).toBe("custom");
    expect(errors[1]).toMatch(/Internal Server Error/);
  });
});
