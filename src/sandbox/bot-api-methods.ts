import type { BotCommand, Message, MessageEntity } from "grammy/types";
import { ApiError, isUpload, type Payload } from "./bot-api-request.js";
import type { ChatStore } from "./chat-store.js";
import { parseTelegramHtml } from "./telegram-html.js";

/** Returns the `result` of a Bot API method; thrown ApiErrors become `{ ok: false }` answers. */
export type MethodHandler = (payload: Payload) => unknown;

type Formatted = Record<string, string | MessageEntity[] | undefined>;
type FileInfo = { file_id: string; file_unique_id: string; file_name?: string; mime_type?: string; file_size?: number };

/** Text or caption as Telegram stores it: HTML parsed into entities, limits checked. */
function formatted(p: Payload, field: "text" | "caption"): Formatted {
  const raw = p[field];
  if (raw === undefined || raw === null) {
    if (field === "text") throw new ApiError(400, "Bad Request: message text is empty");
    return {};
  }
  const given = Array.isArray(p[field === "text" ? "entities" : "caption_entities"])
    ? (p[field === "text" ? "entities" : "caption_entities"] as MessageEntity[])
    : [];
  const { text, entities } = p.parse_mode === "HTML" ? parseTelegramHtml(String(raw)) : { text: String(raw), entities: given };
  if (field === "text" && text.trim() === "") throw new ApiError(400, "Bad Request: message text is empty");
  if (field === "text" && text.length > 4096) throw new ApiError(400, "Bad Request: message is too long");
  if (field === "caption" && text.length > 1024) throw new ApiError(400, "Bad Request: message caption is too long");
  const entitiesField = field === "text" ? "entities" : "caption_entities";
  return { [field]: text === "" ? undefined : text, [entitiesField]: entities.length > 0 ? entities : undefined };
}

/** Telegram only echoes inline keyboards; reply keyboards never appear on the Message. */
const inlineMarkup = (p: Payload) => {
  const markup = p.reply_markup as { inline_keyboard?: unknown } | undefined;
  return markup?.inline_keyboard ? markup : undefined;
};

/** The Bot API methods the bot uses, over the chats of `store`. */
export function botApiMethods(store: ChatStore): Record<string, MethodHandler> {
  const { files } = store;

  const writable = (p: Payload) => {
    store.chat(p.chat_id);
    if (store.isBlocked(p.chat_id)) throw new ApiError(403, "Forbidden: bot was blocked by the user");
    return Number(p.chat_id);
  };

  const replyTo = (p: Payload, chatId: number) => {
    const id = (p.reply_parameters as { message_id?: number } | undefined)?.message_id ?? p.reply_to_message_id;
    const target = id === undefined ? undefined : store.find(chatId, id);
    if (!target) return {};
    const { reply_to_message: _nested, ...quoted } = target as Message & { reply_to_message?: unknown };
    return { reply_to_message: quoted };
  };

  const send = (p: Payload, content: Payload): Message => {
    const chatId = writable(p);
    return store.add(chatId, {
      from: store.botInfo,
      ...replyTo(p, chatId),
      ...content,
      ...formatted(p, "caption"),
      reply_markup: inlineMarkup(p),
    });
  };

  const fileInfo = (value: unknown, kind: "documents" | "photos"): FileInfo => {
    const f = isUpload(value) ? files.add(value, kind) : files.get(String(value));
    // An id this server never issued (a test's own): accepted, but there is nothing to download.
    if (!f) return { file_id: String(value), file_unique_id: `unique-${String(value)}` };
    return {
      file_id: f.fileId,
      file_unique_id: f.fileUniqueId,
      file_name: f.fileName,
      mime_type: f.mimeType,
      file_size: f.data.length,
    };
  };
  const photoSize = (value: unknown) => {
    const { file_id, file_unique_id, file_size } = fileInfo(value, "photos");
    const size = files.get(file_id);
    return { file_id, file_unique_id, file_size, width: size?.width ?? 800, height: size?.height ?? 600 };
  };

  const copyContent = (p: Payload): Payload => {
    const source = store.find(p.from_chat_id, p.message_id);
    if (!source) throw new ApiError(400, "Bad Request: message to copy not found");
    const { text, entities, document, photo, caption, caption_entities } = source;
    return { text, entities, document, photo, caption, caption_entities };
  };

  return {
    getMe: () => store.botInfo,
    setMyCommands: (p) => {
      store.setCommands(p.scope as never, p.language_code as string | undefined, (p.commands as BotCommand[]) ?? []);
      return true;
    },
    deleteMyCommands: (p) => {
      store.setCommands(p.scope as never, p.language_code as string | undefined, []);
      return true;
    },
    getMyCommands: (p) => store.getCommands(p.scope as never, p.language_code as string | undefined),
    setChatMenuButton: () => true,
    setMyDescription: () => true,
    setMyShortDescription: () => true,
    setMyName: () => true,
    getChat: (p) => {
      store.chat(p.chat_id);
      return store.chatObject(Number(p.chat_id));
    },
    sendChatAction: (p) => {
      writable(p);
      return true;
    },
    answerCallbackQuery: (p) => {
      store.answerQuery(String(p.callback_query_id), p.text as string | undefined, p.show_alert === true);
      return true;
    },
    close: () => true,
    logOut: () => true,
    sendMessage: (p) => send(p, formatted(p, "text")),
    sendDocument: (p) => send(p, { document: fileInfo(p.document, "documents") }),
    sendPhoto: (p) => send(p, { photo: [photoSize(p.photo)] }),
    copyMessage: (p) => ({ message_id: send(p, copyContent(p)).message_id }),
    forwardMessage: (p) => {
      const source = store.find(p.from_chat_id, p.message_id);
      const origin = { type: "user", date: source?.date ?? 0, sender_user: source?.from ?? store.botInfo };
      return send(p, { ...copyContent(p), forward_origin: origin });
    },
    editMessageText: (p) =>
      p.inline_message_id !== undefined
        ? true
        : store.edit(p.chat_id, p.message_id, { ...formatted(p, "text"), reply_markup: inlineMarkup(p) }),
    editMessageCaption: (p) =>
      p.inline_message_id !== undefined
        ? true
        : store.edit(p.chat_id, p.message_id, {
            caption: undefined,
            caption_entities: undefined,
            ...formatted(p, "caption"),
            reply_markup: inlineMarkup(p),
          }),
    editMessageReplyMarkup: (p) =>
      p.inline_message_id !== undefined ? true : store.edit(p.chat_id, p.message_id, { reply_markup: inlineMarkup(p) }),
    deleteMessage: (p) => {
      store.delete(p.chat_id, p.message_id);
      return true;
    },
    deleteMessages: (p) => {
      for (const id of (p.message_ids as number[]) ?? []) if (store.find(p.chat_id, id)) store.delete(p.chat_id, id);
      return true;
    },
    getFile: (p) => {
      const f = files.get(String(p.file_id));
      if (!f) throw new ApiError(400, "Bad Request: invalid file_id");
      return { file_id: f.fileId, file_unique_id: f.fileUniqueId, file_size: f.data.length, file_path: f.filePath };
    },
  };
}
