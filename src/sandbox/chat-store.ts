import type { BotCommand, Message, UserFromGetMe } from "grammy/types";
import { ApiError } from "./bot-api-request.js";
import { FileStore } from "./file-store.js";

/** A Telegram user as seen by the server; only `id` is required. */
export type SandboxUser = { id: number; first_name?: string; last_name?: string; language_code?: string; username?: string };

/** What changed in a chat, for the chat page's live view. */
export type ChatEvent =
  | { type: "message" | "edit"; chatId: number; message: Message }
  | { type: "delete"; chatId: number; messageId: number }
  | { type: "callback_answer"; chatId: number; queryId: string; text?: string; showAlert: boolean }
  | { type: "blocked"; chatId: number; blocked: boolean }
  | { type: "commands" };

type ChatState = {
  nextId: number;
  messages: Map<number, Message>;
  lastBotMessageId?: number;
  user?: SandboxUser;
  blocked: boolean;
};
type Scope = { type?: string; chat_id?: number | string; user_id?: number };

const NOT_MODIFIED =
  "Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message";
const scopeKey = (scope: Scope | undefined, language: string | undefined) =>
  `${scope?.type ?? "default"}:${scope?.chat_id ?? ""}:${scope?.user_id ?? ""}|${language ?? ""}`;

/** The chats of a local Bot API server: messages in order, files, command menus, who blocked the bot. */
export interface ChatStoreLimits {
  /** Messages kept per chat; older ones are forgotten. */
  messagesPerChat?: number;
  /** Bytes of files kept in all (FileStore). */
  fileBytes?: number;
}

export class ChatStore {
  readonly files: FileStore;
  private readonly chats = new Map<number, ChatState>();
  private readonly listeners = new Set<(event: ChatEvent) => void>();
  private readonly commands = new Map<string, BotCommand[]>();
  private readonly queries = new Map<string, number>();

  private readonly messagesPerChat: number;

  constructor(
    readonly botInfo: UserFromGetMe,
    limits: ChatStoreLimits = {},
  ) {
    this.files = new FileStore(limits.fileBytes);
    this.messagesPerChat = limits.messagesPerChat ?? Number.POSITIVE_INFINITY;
  }

  /** Calls `listener` on every change until the returned function is called. */
  subscribe(listener: (event: ChatEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: ChatEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  chat(chatId: unknown, user?: SandboxUser): ChatState {
    if (chatId === undefined || chatId === "") throw new ApiError(400, "Bad Request: chat_id is empty");
    const id = Number(chatId);
    if (!Number.isSafeInteger(id)) throw new ApiError(400, "Bad Request: chat not found");
    let state = this.chats.get(id);
    if (!state) this.chats.set(id, (state = { nextId: 1, messages: new Map(), blocked: false }));
    if (user) state.user = user;
    return state;
  }

  chatObject(id: number): Message["chat"] {
    const user = this.chats.get(id)?.user;
    return {
      id,
      type: "private",
      first_name: user?.first_name ?? "Test",
      ...(user?.last_name ? { last_name: user.last_name } : {}),
      ...(user?.username ? { username: user.username } : {}),
    };
  }

  /** Every message of a chat, oldest first (edited ones in place, deleted ones gone). */
  history(chatId: number): Message[] {
    return [...(this.chats.get(chatId)?.messages.values() ?? [])];
  }

  lastBotMessage(chatId: number): Message | undefined {
    const state = this.chats.get(chatId);
    return state?.messages.get(state.lastBotMessageId ?? NaN);
  }

  /** The newest message in the chat that shows a button with this callback data: where a person would press it. */
  lastMessageWithButton(chatId: number, callbackData: string): Message | undefined {
    const state = this.chats.get(chatId);
    if (!state) return undefined;
    const messages = [...state.messages.values()].reverse();
    return messages.find((message) => {
      const markup = (message as { reply_markup?: { inline_keyboard?: Array<Array<{ callback_data?: string }>> } }).reply_markup;
      return markup?.inline_keyboard?.some((row) => row.some((button) => button.callback_data === callbackData));
    });
  }

  /** Stores a message (numbered per chat, like private chats in Telegram) and announces it. */
  add(chatId: number, content: Record<string, unknown>): Message {
    const state = this.chat(chatId);
    const fromBot = (content.from as { is_bot?: boolean } | undefined)?.is_bot === true;
    const defined = Object.entries(content).filter(([, value]) => value !== undefined);
    const message = {
      message_id: state.nextId++,
      date: Math.floor(Date.now() / 1000),
      chat: this.chatObject(chatId),
      ...Object.fromEntries(defined),
    } as Message;
    state.messages.set(message.message_id, message);
    if (state.messages.size > this.messagesPerChat) state.messages.delete(state.messages.keys().next().value!);
    if (fromBot) state.lastBotMessageId = message.message_id;
    this.emit({ type: "message", chatId, message });
    return message;
  }

  /** Registers a message that arrived from elsewhere (a test's own), so later edits of it succeed. */
  adopt(chatId: number, message: Message): void {
    const state = this.chat(chatId);
    if (!state.messages.has(message.message_id)) state.messages.set(message.message_id, message);
  }

  find(chatId: unknown, messageId: unknown): Message | undefined {
    return this.chat(chatId).messages.get(Number(messageId));
  }

  /** Applies an edit; refuses one that changes nothing, as Telegram does. */
  edit(chatId: unknown, messageId: unknown, patch: Record<string, unknown>): Message {
    const old = this.find(chatId, messageId);
    if (!old) throw new ApiError(400, "Bad Request: message to edit not found");
    const updated = { ...old, ...patch, edit_date: Math.floor(Date.now() / 1000) } as Message;
    for (const [key, value] of Object.entries(updated))
      if (value === undefined) delete (updated as unknown as Record<string, unknown>)[key];
    const same = (k: keyof Message) => JSON.stringify(old[k]) === JSON.stringify(updated[k]);
    if (same("text") && same("entities") && same("caption") && same("caption_entities") && same("reply_markup"))
      throw new ApiError(400, NOT_MODIFIED);
    this.chat(chatId).messages.set(updated.message_id, updated);
    this.emit({ type: "edit", chatId: Number(chatId), message: updated });
    return updated;
  }

  delete(chatId: unknown, messageId: unknown): void {
    if (!this.chat(chatId).messages.delete(Number(messageId)))
      throw new ApiError(400, "Bad Request: message to delete not found");
    this.emit({ type: "delete", chatId: Number(chatId), messageId: Number(messageId) });
  }

  isBlocked(chatId: unknown): boolean {
    return this.chats.get(Number(chatId))?.blocked ?? false;
  }

  setBlocked(chatId: number, blocked: boolean): void {
    this.chat(chatId).blocked = blocked;
    this.emit({ type: "blocked", chatId, blocked });
  }

  /** Remembers which chat a callback query came from, so its answer can be shown there. */
  trackQuery(queryId: string, chatId: number): void {
    this.queries.set(queryId, chatId);
  }

  answerQuery(queryId: string, text: string | undefined, showAlert: boolean): void {
    const chatId = this.queries.get(queryId);
    if (chatId === undefined) return;
    this.queries.delete(queryId);
    this.emit({ type: "callback_answer", chatId, queryId, text, showAlert });
  }

  setCommands(scope: Scope | undefined, language: string | undefined, commands: BotCommand[]): void {
    // Telegram treats an empty list like deleteMyCommands: the next scope down applies.
    if (commands.length === 0) this.commands.delete(scopeKey(scope, language));
    else this.commands.set(scopeKey(scope, language), commands);
    this.emit({ type: "commands" });
  }

  getCommands(scope: Scope | undefined, language: string | undefined): BotCommand[] {
    return this.commands.get(scopeKey(scope, language)) ?? [];
  }

  /**
   * The menu a user sees in their private chat, found as Telegram documents it: chat scope, then all
   * private chats, then default; in each, the user's language before the list without a language.
   */
  commandsFor(chatId: number, languageCode: string | undefined): BotCommand[] {
    const language = languageCode?.toLowerCase().split("-")[0];
    const scopes: Scope[] = [{ type: "chat", chat_id: chatId }, { type: "all_private_chats" }, { type: "default" }];
    for (const scope of scopes) {
      const found = (language && this.commands.get(scopeKey(scope, language))) || this.commands.get(scopeKey(scope, undefined));
      if (found) return found;
    }
    return [];
  }
}
