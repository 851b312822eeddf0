import type { Message, Update, User } from "grammy/types";
import { BotApiCore, type BotApiServerOptions } from "./bot-api-core.js";
import type { UploadedFile } from "./bot-api-request.js";
import type { SandboxUser } from "./chat-store.js";

export type { BotApiServerOptions, CallInterceptor, FakeResponse, Route } from "./bot-api-core.js";
export type { MethodHandler } from "./bot-api-methods.js";
export type { UploadedFile } from "./bot-api-request.js";
export type { ApiCall, WaitOptions } from "./call-log.js";
export type { ChatEvent, SandboxUser } from "./chat-store.js";

/** The Telegram User of a sandbox user, without anything else the caller's object carries. */
const toUser = ({ id, first_name = "Test", last_name, username, language_code }: SandboxUser): User => ({
  id,
  is_bot: false,
  first_name,
  ...(last_name ? { last_name } : {}),
  ...(username ? { username } : {}),
  ...(language_code ? { language_code } : {}),
});

/**
 * The local Bot API server with the user's side of each chat: typing, pressing buttons, sending
 * files, blocking the bot. Start it with {@link startBotApiServer}.
 */
export class BotApiServer extends BotApiCore {
  private counter = 0;

  /** Simulates `from` typing `text` in the private chat; commands get a bot_command entity. Returns the update_id. */
  sendText(from: SandboxUser, text: string): number {
    this.chats.chat(from.id, from);
    const command = /^\/[A-Za-z0-9_]+(?:@[A-Za-z0-9_]+)?/.exec(text);
    const entities = command ? [{ type: "bot_command", offset: 0, length: command[0].length }] : undefined;
    const message = this.chats.add(from.id, { from: toUser(from), text, entities }) as Message & Update.NonChannel;
    return this.pushUpdate({ message });
  }

  /** Simulates `from` sending a file: a photo (shown compressed, as Telegram apps do) or a document. */
  sendFile(from: SandboxUser, upload: UploadedFile, options: { asPhoto?: boolean; caption?: string } = {}): number {
    this.chats.chat(from.id, from);
    const asPhoto = options.asPhoto ?? /^image\/(jpeg|png|webp)$/.test(upload.mimeType);
    const file = this.chats.files.add(upload, asPhoto ? "photos" : "documents");
    const ids = { file_id: file.fileId, file_unique_id: file.fileUniqueId, file_size: file.data.length };
    const content = asPhoto
      ? { photo: [{ ...ids, width: file.width ?? 800, height: file.height ?? 600 }] }
      : { document: { ...ids, file_name: file.fileName, mime_type: file.mimeType } };
    const caption = options.caption?.trim() ? { caption: options.caption } : {};
    const message = this.chats.add(from.id, { from: toUser(from), ...content, ...caption }) as Message & Update.NonChannel;
    return this.pushUpdate({ message });
  }

  /** Simulates pressing an inline button; `message` defaults to the bot's last message in that chat. Returns the query id. */
  pressButton(from: SandboxUser, callbackData: string, message?: Message): string {
    this.chats.chat(from.id, from);
    // Pressed where it is shown; a button no message shows any more (a test forging one) on the last message.
    const target = message ?? this.chats.lastMessageWithButton(from.id, callbackData) ?? this.chats.lastBotMessage(from.id);
    if (!target) throw new Error(`pressButton: the bot has not sent any message to chat ${from.id}`);
    // Register foreign messages so a following edit of them succeeds.
    this.chats.adopt(from.id, target);
    const id = `cbq-${++this.counter}`;
    this.chats.trackQuery(id, from.id);
    this.pushUpdate({
      callback_query: {
        id,
        from: toUser(from),
        message: target as NonNullable<Update["callback_query"]>["message"],
        chat_instance: `ci-${from.id}`,
        data: callbackData,
      },
    });
    return id;
  }

  /** Simulates `from` blocking (or unblocking) the bot: a my_chat_member update, and sends to them fail with 403. */
  setBlocked(from: SandboxUser, blocked: boolean): number {
    this.chats.chat(from.id, from);
    this.chats.setBlocked(from.id, blocked);
    const member = { status: "member", user: this.botInfo } as const;
    const kicked = { status: "kicked", user: this.botInfo, until_date: 0 } as const;
    return this.pushUpdate({
      my_chat_member: {
        chat: this.chats.chatObject(from.id) as never,
        from: toUser(from),
        date: Math.floor(Date.now() / 1000),
        old_chat_member: blocked ? member : kicked,
        new_chat_member: blocked ? kicked : member,
      },
    });
  }
}

/** Starts a Bot API server on 127.0.0.1 (a free port unless `port` is given). */
export async function startBotApiServer(options: BotApiServerOptions & { port?: number } = {}): Promise<BotApiServer> {
  const server = new BotApiServer(options);
  await server.listen(options.port ?? 0);
  return server;
}
