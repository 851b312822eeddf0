import { Bot, InlineKeyboard, InputFile } from "grammy";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type BotApiServer, type ChatEvent, type SandboxUser, startBotApiServer } from "../../src/sandbox/bot-api-server.js";

const lan: SandboxUser = { id: 2001, first_name: "Lan", language_code: "vi" };
const wang: SandboxUser = { id: 2002, first_name: "王伟", language_code: "zh" };
// The smallest valid PNG header: 3 × 2 pixels.
const png = Buffer.concat([
  Buffer.from("89504e470d0a1a0a0000000d49484452", "hex"),
  Buffer.from([0, 0, 0, 3, 0, 0, 0, 2]),
  Buffer.alloc(16),
]);

let api: BotApiServer;
let bot: Bot | undefined;
let events: ChatEvent[];

beforeEach(async () => {
  api = await startBotApiServer();
  events = [];
  api.chats.subscribe((e) => events.push(e));
});

afterEach(async () => {
  await bot?.stop();
  bot = undefined;
  await api.close();
});

async function startBot(setup: (bot: Bot) => void): Promise<Bot> {
  const b = new Bot(api.token, { client: { apiRoot: api.apiRoot } });
  setup(b);
  await new Promise<void>((resolve, reject) => void b.start({ onStart: () => resolve(), timeout: 10 }).catch(reject));
  return (bot = b);
}

async function call(method: string, body: object) {
  const res = await fetch(`${api.apiRoot}/bot${api.token}/${method}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return (await res.json()) as { ok: boolean; result?: Record<string, unknown>; description?: string };
}

describe("local Bot API server: what a chat holds", () => {
  it("stores HTML messages as text and entities, as Telegram returns them, and refuses bad HTML", async () => {
    const sent = await call("sendMessage", { chat_id: lan.id, text: "<b>Hạn</b> &lt;30/11&gt;", parse_mode: "HTML" });
    expect(sent.result).toMatchObject({ text: "Hạn <30/11>", entities: [{ type: "bold", offset: 0, length: 3 }] });
    expect(await call("sendMessage", { chat_id: lan.id, text: "<br>", parse_mode: "HTML" })).toMatchObject({
      ok: false,
      description: 'Bad Request: can\'t parse entities: Unsupported start tag "br" at byte offset 0',
    });
    expect((await call("sendMessage", { chat_id: lan.id, text: "x".repeat(4097) })).description).toBe(
      "Bad Request: message is too long",
    );
    expect(api.chats.history(lan.id).map((m) => m.text)).toEqual(["Hạn <30/11>"]);
  });

  it("lets the bot download a file a user sent, through getFile and /file/bot<token>/<path>", async () => {
    const received: string[] = [];
    await startBot((b) =>
      b.on("message:document", async (ctx) => {
        const file = await ctx.getFile();
        const res = await fetch(`${api.apiRoot}/file/bot${api.token}/${file.file_path}`);
        received.push(`${ctx.message.document.file_name} ${ctx.message.caption} ${await res.text()}`);
      }),
    );
    api.sendFile(
      lan,
      { fileName: "giấy phép.pdf", mimeType: "application/pdf", data: Buffer.from("%PDF-1.4") },
      { caption: "licence" },
    );
    await expect.poll(() => received).toEqual(["giấy phép.pdf licence %PDF-1.4"]);
    expect((await fetch(`${api.apiRoot}/file/bot999:WRONG/documents/file_1.pdf`)).status).toBe(404);
  });

  it("gives a user's photo its size from the image header", async () => {
    api.sendFile(wang, { fileName: "licence.png", mimeType: "image/png", data: png });
    expect(api.chats.history(wang.id)[0]).toMatchObject({
      photo: [{ file_id: "file-1", width: 3, height: 2, file_size: png.length }],
    });
  });

  it("keeps what the bot uploaded, so it can be sent again by file_id and downloaded", async () => {
    await startBot((b) =>
      b.command("export", async (ctx) => {
        const first = await ctx.replyWithDocument(new InputFile(Buffer.from("a,b\n1,2"), "đăng ký.csv"), {
          caption: "<b>2</b> rows",
          parse_mode: "HTML",
        });
        await ctx.api.sendDocument(wang.id, first.document.file_id);
      }),
    );
    api.sendText(lan, "/export");
    await expect.poll(() => api.chats.history(wang.id).length).toBe(1);
    const [again] = api.chats.history(wang.id);
    expect(again!.document).toMatchObject({ file_name: "đăng ký.csv", file_size: 7 });
    expect(api.chats.history(lan.id)[1]).toMatchObject({
      caption: "2 rows",
      caption_entities: [{ type: "bold", offset: 0, length: 1 }],
    });
    const { result } = await call("getFile", { file_id: again!.document!.file_id });
    expect(await (await fetch(`${api.apiRoot}/file/bot${api.token}/${String(result?.file_path)}`)).text()).toBe("a,b\n1,2");
  });

  it("copies a user's document into another chat (staff seeing an applicant's licence)", async () => {
    api.sendFile(lan, { fileName: "licence.pdf", mimeType: "application/pdf", data: Buffer.from("%PDF") });
    const copied = await call("copyMessage", { chat_id: wang.id, from_chat_id: lan.id, message_id: 1, caption: "from Lan" });
    expect(copied.result).toEqual({ message_id: 1 });
    expect(api.chats.history(wang.id)[0]).toMatchObject({ document: { file_name: "licence.pdf" }, caption: "from Lan" });
  });

  it("edits keyboards and captions, deletes messages, and tells subscribers", async () => {
    const keyboard = { inline_keyboard: [[{ text: "A", callback_data: "a" }]] };
    await call("sendMessage", { chat_id: lan.id, text: "pick", reply_markup: keyboard });
    await call("editMessageReplyMarkup", { chat_id: lan.id, message_id: 1 });
    expect(api.chats.history(lan.id)[0]!.reply_markup).toBeUndefined();
    expect((await call("editMessageReplyMarkup", { chat_id: lan.id, message_id: 1 })).description).toMatch(
      /message is not modified/,
    );
    await call("deleteMessage", { chat_id: lan.id, message_id: 1 });
    expect(api.chats.history(lan.id)).toEqual([]);
    expect(events.map((e) => e.type)).toEqual(["message", "edit", "delete"]);
  });

  it("shows a button's answer in the chat it was pressed in", async () => {
    await startBot((b) => {
      b.command("start", (ctx) => ctx.reply("hi", { reply_markup: new InlineKeyboard().text("Go", "go") }));
      b.callbackQuery("go", (ctx) => ctx.answerCallbackQuery({ text: "Saved", show_alert: true }));
    });
    api.sendText(lan, "/start");
    await expect.poll(() => api.chats.history(lan.id).length).toBe(2);
    const queryId = api.pressButton(lan, "go");
    await expect
      .poll(() => events.find((e) => e.type === "callback_answer"))
      .toEqual({ type: "callback_answer", chatId: lan.id, queryId, text: "Saved", showAlert: true });
  });

  it("picks a user's command menu like Telegram: chat scope, then private chats, then default; language first", async () => {
    const menu = (name: string) => [{ command: name, description: name }];
    await call("setMyCommands", { commands: menu("default") });
    await call("setMyCommands", { commands: menu("default_zh"), language_code: "zh" });
    await call("setMyCommands", { commands: menu("private"), scope: { type: "all_private_chats" } });
    await call("setMyCommands", { commands: menu("staff_vi"), scope: { type: "chat", chat_id: lan.id }, language_code: "vi" });
    expect(api.chats.commandsFor(lan.id, "vi")[0]!.command).toBe("staff_vi");
    expect(api.chats.commandsFor(lan.id, "en")[0]!.command).toBe("private");
    expect(api.chats.commandsFor(wang.id, "zh-hans")[0]!.command).toBe("private");
    await call("deleteMyCommands", { scope: { type: "all_private_chats" } });
    expect(api.chats.commandsFor(wang.id, "zh-hans")[0]!.command).toBe("default_zh");
    expect(api.chats.commandsFor(wang.id, "en")[0]!.command).toBe("default");
    expect((await call("getMyCommands", { language_code: "zh" })).result).toEqual(menu("default_zh"));
  });

  it("blocking the bot sends my_chat_member and makes sends fail with 403 until unblocked", async () => {
    const statuses: string[] = [];
    await startBot((b) =>
      b.on("my_chat_member", (ctx) => {
        statuses.push(ctx.myChatMember.new_chat_member.status);
      }),
    );
    api.setBlocked(lan, true);
    await expect.poll(() => statuses).toEqual(["kicked"]);
    expect(await call("sendMessage", { chat_id: lan.id, text: "news" })).toMatchObject({
      ok: false,
      description: "Forbidden: bot was blocked by the user",
    });
    api.setBlocked(lan, false);
    await expect.poll(() => statuses).toEqual(["kicked", "member"]);
    expect((await call("sendMessage", { chat_id: lan.id, text: "news" })).ok).toBe(true);
  });
});
