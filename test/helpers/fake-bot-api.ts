import http from "node:http";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";
import type { Message, Update, User, UserFromGetMe } from "grammy/types";

/** A Telegram user as seen by the fake server; only `id` is required. */
export type FakeUser = { id: number; first_name?: string; language_code?: string; username?: string };
/** A file received in a multipart upload, stored in the payload under its field name. */
export type UploadedFile = { fileName: string; mimeType: string; data: Buffer };
/** One recorded Bot API request; `at` is `performance.now()` when the request arrived. */
export type ApiCall = { method: string; payload: Record<string, unknown>; at: number };
/** A raw HTTP answer used by failure injection. */
export type FakeResponse = { status: number; body: object };
/** Replacement for a method: returns the `result` that is wrapped into `{ ok: true, result }`. */
export type MethodHandler = (payload: Record<string, unknown>) => unknown;
/** `since` is an index into `calls`: only calls recorded at or after it can match. */
export type WaitOptions = { timeoutMs?: number; since?: number };

/** Telegram's limits as the fake enforces them when asked: requests per second overall and per chat. */
export type RateLimits = { perSecond: number; perChatPerSecond: number };
/** `before`: the connection drops before the request is handled (nothing delivered). `after`: it is handled, then the answer is lost. */
export type DropMode = "before" | "after";

type Payload = Record<string, unknown>;
type ChatState = { nextId: number; messages: Map<number, Message>; lastBotMessageId?: number; user?: FakeUser };
type PendingPoll = { offset: number; limit: number; res: http.ServerResponse; timer: NodeJS.Timeout };
type Waiter = { predicate: (call: ApiCall) => boolean; since: number; resolve: (call: ApiCall) => void; reject: (err: Error) => void };

const REPLY_METHODS = new Set(["sendMessage", "sendDocument", "sendPhoto", "editMessageText"]);
/** Methods that put a new message in a chat: what users receive. */
const SEND_METHODS = new Set(["sendMessage", "sendDocument", "sendPhoto", "copyMessage"]);
/** Methods Telegram's flood control counts. */
const LIMITED_METHODS = new Set([...SEND_METHODS, "editMessageText"]);
const NUMERIC_FIELDS = new Set(["chat_id", "message_id", "offset", "limit", "timeout", "reply_to_message_id", "message_thread_id"]);
// Free text may legitimately look like JSON or a boolean, so it is never coerced.
const TEXT_FIELDS = new Set(["text", "caption", "query", "description", "short_description", "name", "title"]);
const MIME: Record<string, string> = {
  csv: "text/csv", txt: "text/plain", json: "application/json", pdf: "application/pdf", png: "image/png",
  jpg: "image/jpeg", jpeg: "image/jpeg", xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};
const NOT_MODIFIED = "Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message";

class ApiError extends Error {
  constructor(readonly status: number, description: string) { super(description); }
}

const now = () => Math.floor(Date.now() / 1000);
const isUpload = (v: unknown): v is UploadedFile => typeof v === "object" && v !== null && Buffer.isBuffer((v as UploadedFile).data);
const sameChat = (call: ApiCall, chatId: number | string) => String(call.payload.chat_id) === String(chatId);
const toUser = (u: FakeUser): User => ({ is_bot: false, first_name: "Test", ...u });

/** Lenient coercion for transports that only carry strings (query, urlencoded, multipart). */
function coerceFields(raw: Iterable<[string, string]>): Payload {
  const out: Payload = {};
  for (const [key, value] of raw) {
    if (TEXT_FIELDS.has(key)) out[key] = value;
    else if (NUMERIC_FIELDS.has(key) && /^-?\d+$/.test(value)) out[key] = Number(value);
    else if (value === "true" || value === "false") out[key] = value === "true";
    else if (/^\s*[[{]/.test(value)) { try { out[key] = JSON.parse(value); } catch { out[key] = value; } }
    else out[key] = value;
  }
  return out;
}

/**
 * Hand-rolled because Node 20's `Response#formData()` (undici 6) rejects grammY's
 * part headers (`content-disposition:form-data;name="x"`, unquoted `filename=`).
 */
function parseMultipart(body: Buffer, contentType: string): Payload {
  const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
  if (!boundary) throw new ApiError(400, "Bad Request: multipart boundary is missing");
  const fields: Array<[string, string]> = [];
  const files = new Map<string, UploadedFile>();
  const delimiter = Buffer.from(`\r\n--${boundary}`);
  // A leading CRLF lets the first delimiter match the same pattern as the others.
  const buf = Buffer.concat([Buffer.from("\r\n"), body]);
  for (let pos = buf.indexOf(delimiter); pos !== -1;) {
    const start = pos + delimiter.length;
    const next = buf.indexOf(delimiter, start);
    if (buf.toString("latin1", start, start + 2) === "--" || next === -1) break;
    const part = buf.subarray(start + 2, next);
    const headerEnd = part.indexOf("\r\n\r\n");
    const head = part.subarray(0, headerEnd).toString("utf8");
    const name = /;\s*name=(?:"([^"]*)"|([^;\s]+))/i.exec(head);
    const file = /;\s*filename=(?:"([^"]*)"|([^\r\n]*))/i.exec(head);
    const data = part.subarray(headerEnd + 4);
    const key = name?.[1] ?? name?.[2] ?? "";
    if (file) {
      const fileName = (file[1] ?? file[2] ?? "").trim();
      const partType = /^content-type:\s*([^\r\n;]+)/im.exec(head)?.[1]?.trim();
      const guessed = MIME[fileName.split(".").pop()?.toLowerCase() ?? ""];
      const mimeType = partType && partType !== "application/octet-stream" ? partType : guessed ?? "application/octet-stream";
      files.set(key, { fileName, mimeType, data: Buffer.from(data) });
    } else fields.push([key, data.toString("utf8")]);
    pos = next;
  }
  // grammY sends `document: "attach://<id>"` plus a file part named `<id>`; fold them back together.
  const used = new Set<string>();
  const resolve = (v: unknown): unknown => {
    if (typeof v === "string" && v.startsWith("attach://") && files.has(v.slice(9))) { used.add(v.slice(9)); return files.get(v.slice(9)); }
    if (Array.isArray(v)) return v.map(resolve);
    if (typeof v === "object" && v !== null) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, resolve(x)]));
    return v;
  };
  const payload = resolve(coerceFields(fields)) as Payload;
  for (const [key, file] of files) if (!used.has(key)) payload[key] = file;
  return payload;
}

async function readPayload(req: http.IncomingMessage, url: URL): Promise<Payload> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks);
  const type = req.headers["content-type"] ?? "";
  const query = coerceFields(url.searchParams);
  if (body.length === 0) return query;
  if (type.includes("application/json")) {
    try { return { ...query, ...(JSON.parse(body.toString("utf8")) as Payload) }; } catch { throw new ApiError(400, "Bad Request: can't parse JSON"); }
  }
  if (type.includes("multipart/form-data")) return { ...query, ...parseMultipart(body, type) };
  return { ...query, ...coerceFields(new URLSearchParams(body.toString("utf8"))) };
}

function send(res: http.ServerResponse, status: number, body: object) {
  if (res.writableEnded || res.destroyed) return;
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

/** In-process fake of the Telegram Bot API; create it with {@link startFakeBotApi}. */
export class FakeBotApi {
  /** Every authorised request in arrival order, including getUpdates, failures and unknown methods. */
  readonly calls: ApiCall[] = [];
  /** What getMe returns; pass it as `botInfo` to `new Bot()` to skip the getMe round trip. */
  readonly botInfo: UserFromGetMe;
  /** Root URL for grammY's `client.apiRoot` option. */
  apiRoot = "";
  private readonly server = http.createServer((req, res) => void this.handle(req, res));
  private readonly updates: Update[] = [];
  private readonly polls = new Set<PendingPoll>();
  private readonly waiters = new Set<Waiter>();
  private readonly failures = new Map<string, FakeResponse & { times: number }>();
  private readonly handlers = new Map<string, MethodHandler>();
  private readonly chats = new Map<number, ChatState>();
  private readonly commands = new Map<string, unknown>();
  private nextUpdateId = 1;
  private counter = 0;
  private closed = false;
  /** Successful sendMessage/sendPhoto/sendDocument/copyMessage calls, in order: what reached users. */
  readonly delivered: ApiCall[] = [];
  /** How many 429s the enforced limits answered (injected failures not counted). */
  rateLimited = 0;
  /** Arrival times of the sends and edits the enforced limits let through. */
  readonly accepted: number[] = [];
  private limits: RateLimits | undefined;
  private readonly recentSends: number[] = [];
  private readonly lastSendByChat = new Map<string, number>();
  private readonly blockedChats = new Set<string>();
  private readonly missingChats = new Set<string>();
  private readonly drops: Array<{ method: string; mode: DropMode; times: number }> = [];
  private readonly files = new Map<string, UploadedFile & { path: string }>();

  constructor(readonly token: string, botUsername: string) {
    const id = Number(token.split(":")[0]) || 123456;
    this.botInfo = {
      id, is_bot: true, first_name: "Test Bot", username: botUsername, can_join_groups: true, can_read_all_group_messages: false,
      supports_inline_queries: false, can_connect_to_business: false, has_main_web_app: false,
    } as UserFromGetMe;
  }

  private readonly builtins: Record<string, MethodHandler> = {
    getMe: () => this.botInfo,
    deleteWebhook: (p) => { if (p.drop_pending_updates === true) this.updates.length = 0; return true; },
    setMyCommands: (p) => { this.commands.set(JSON.stringify([p.scope, p.language_code]), p.commands); return true; },
    deleteMyCommands: (p) => this.commands.delete(JSON.stringify([p.scope, p.language_code])) || true,
    getMyCommands: (p) => this.commands.get(JSON.stringify([p.scope, p.language_code])) ?? [],
    setChatMenuButton: () => true,
    getFile: (p) => {
      const file = this.files.get(String(p.file_id));
      if (!file) throw new ApiError(400, "Bad Request: invalid file_id");
      return { file_id: p.file_id, file_unique_id: `u-${String(p.file_id)}`, file_size: file.data.length, file_path: file.path };
    },
    sendChatAction: () => true,
    answerCallbackQuery: () => true,
    close: () => true,
    logOut: () => true,
    sendMessage: (p) => {
      if (typeof p.text !== "string" || p.text === "") throw new ApiError(400, "Bad Request: message text is empty");
      return this.storeBotMessage(p, { text: p.text, entities: p.entities });
    },
    sendDocument: (p) => this.storeBotMessage(p, { document: this.fileInfo(p.document) }),
    sendPhoto: (p) => {
      const { file_id, file_unique_id, file_size } = this.fileInfo(p.photo);
      return this.storeBotMessage(p, { photo: [{ file_id, file_unique_id, file_size, width: 800, height: 600 }] });
    },
    editMessageText: (p) => this.edit(p, { text: p.text, entities: p.entities }),
    editMessageReplyMarkup: (p) => this.edit(p, {}),
    deleteMessage: (p) => {
      if (!this.chat(p.chat_id).messages.delete(Number(p.message_id))) throw new ApiError(400, "Bad Request: message to delete not found");
      return true;
    },
  };
  private readonly canonical = new Map(["getUpdates", ...Object.keys(this.builtins)].map((m) => [m.toLowerCase(), m]));

  /** @internal */
  async listen(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    this.apiRoot = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const at = performance.now();
    const url = new URL(req.url ?? "/", "http://localhost");
    const download = /^\/file\/bot([^/]+)\/(.+)$/.exec(url.pathname);
    if (download) return this.download(decodeURIComponent(download[1]!), decodeURIComponent(download[2]!), res);
    const match = /^\/bot([^/]+)\/(?:test\/)?([^/]+)$/.exec(url.pathname);
    if (!match) return send(res, 404, { ok: false, error_code: 404, description: "Not Found" });
    if (decodeURIComponent(match[1]!) !== this.token) return send(res, 401, { ok: false, error_code: 401, description: "Unauthorized" });
    // Telegram treats method names case-insensitively; record the canonical spelling.
    const method = this.canonical.get(match[2]!.toLowerCase()) ?? match[2]!;
    try {
      const payload = await readPayload(req, url);
      const call = { method, payload, at };
      this.record(call);
      const drop = this.takeDrop(method);
      if (drop === "before") return void res.socket?.destroy();
      const failure = this.failures.get(method);
      if (failure) {
        if (--failure.times <= 0) this.failures.delete(method);
        return send(res, failure.status, failure.body);
      }
      const refusal = this.refusal(method, payload, at);
      if (refusal) return send(res, refusal.status, refusal.body);
      const handler = this.handlers.get(method);
      if (!handler && method === "getUpdates") return this.poll(payload, res);
      const run = handler ?? this.builtins[method];
      if (!run) throw new ApiError(404, "Not Found: method not found");
      const result = await run(payload);
      if (SEND_METHODS.has(method)) this.delivered.push(call);
      if (drop === "after") return void res.socket?.destroy();
      send(res, 200, { ok: true, result });
    } catch (err) {
      const status = err instanceof ApiError ? err.status : 500;
      send(res, status, { ok: false, error_code: status, description: err instanceof Error ? err.message : String(err) });
    }
  }

  private poll(p: Payload, res: http.ServerResponse) {
    let offset = Number(p.offset ?? 0) || 0;
    // Like Telegram: a positive offset confirms older updates, a negative one keeps only the last -offset.
    if (offset < 0) { this.updates.splice(0, Math.max(0, this.updates.length + offset)); offset = 0; }
    else while (this.updates.length && this.updates[0]!.update_id < offset) this.updates.shift();
    const limit = Math.min(100, Math.max(1, Number(p.limit) || 100));
    const ready = this.updates.filter((u) => u.update_id >= offset).slice(0, limit);
    const timeout = Number(p.timeout) || 0;
    if (ready.length > 0 || timeout <= 0 || this.closed) return send(res, 200, { ok: true, result: ready });
    const poll: PendingPoll = { offset, limit, res, timer: setTimeout(() => this.answerPoll(poll, []), timeout * 1000) };
    this.polls.add(poll);
    // grammY aborts its pending poll on bot.stop(); forget it so nothing is written to a dead socket.
    res.on("close", () => { clearTimeout(poll.timer); this.polls.delete(poll); });
  }

  private answerPoll(poll: PendingPoll, result: Update[]) {
    clearTimeout(poll.timer);
    this.polls.delete(poll);
    send(poll.res, 200, { ok: true, result });
  }

  private record(call: ApiCall) {
    this.calls.push(call);
    const index = this.calls.length - 1;
    // A throwing test predicate must not turn into a 500 for the bot.
    const matches = (w: Waiter) => { try { return w.predicate(call); } catch { return false; } };
    for (const w of this.waiters) if (index >= w.since && matches(w)) w.resolve(call);
  }

  private chat(chatId: unknown, user?: FakeUser): ChatState {
    const id = Number(chatId);
    if (chatId === undefined || chatId === "") throw new ApiError(400, "Bad Request: chat_id is empty");
    if (!Number.isFinite(id)) throw new ApiError(400, "Bad Request: chat not found");
    let state = this.chats.get(id);
    if (!state) this.chats.set(id, (state = { nextId: 1, messages: new Map() }));
    if (user) state.user = user;
    return state;
  }

  private chatObject(id: number): Message["chat"] {
    const user = this.chats.get(id)?.user;
    return { id, type: "private", first_name: user?.first_name ?? "Test", ...(user?.username ? { username: user.username } : {}) };
  }

  private fileInfo(value: unknown): { file_id: string; file_unique_id: string; file_name?: string; mime_type?: string; file_size?: number } {
    const n = ++this.counter;
    const ids = { file_id: `file-${n}`, file_unique_id: `unique-${n}` };
    if (isUpload(value)) return { ...ids, file_name: value.fileName, mime_type: value.mimeType, file_size: value.data.length };
    return { ...ids, file_id: String(value) };
  }

  private storeBotMessage(p: Payload, content: Payload): Message {
    const state = this.chat(p.chat_id);
    const chatId = Number(p.chat_id);
    const markup = p.reply_markup as { inline_keyboard?: unknown } | undefined;
    const message = {
      message_id: state.nextId++, date: now(), chat: this.chatObject(chatId), from: this.botInfo, ...content,
      caption: p.caption, caption_entities: p.caption_entities,
      // Telegram only echoes inline keyboards; reply keyboards never appear on the Message.
      reply_markup: markup?.inline_keyboard ? markup : undefined,
    } as Message;
    state.messages.set(message.message_id, message);
    state.lastBotMessageId = message.message_id;
    return message;
  }

  private edit(p: Payload, patch: Payload): Message | true {
    if (p.inline_message_id !== undefined) return true;
    const state = this.chat(p.chat_id);
    const old = state.messages.get(Number(p.message_id));
    if (!old) throw new ApiError(400, "Bad Request: message to edit not found");
    const updated = { ...old, ...patch, reply_markup: p.reply_markup, edit_date: now() } as Message;
    const same = (k: keyof Message) => JSON.stringify(old[k]) === JSON.stringify(updated[k]);
    if (same("text") && same("entities") && same("reply_markup")) throw new ApiError(400, NOT_MODIFIED);
    state.messages.set(updated.message_id, updated);
    return updated;
  }

  private download(token: string, filePath: string, res: http.ServerResponse) {
    const file = [...this.files.values()].find((f) => f.path === filePath);
    if (token !== this.token || !file) return send(res, 404, { ok: false, error_code: 404, description: "Not Found" });
    res.writeHead(200, { "content-type": file.mimeType });
    res.end(file.data);
  }

  private takeDrop(method: string): DropMode | undefined {
    const index = this.drops.findIndex((d) => d.method === method || d.method === "*");
    if (index === -1 || method === "getUpdates") return undefined;
    const drop = this.drops[index]!;
    if (--drop.times <= 0) this.drops.splice(index, 1);
    return drop.mode;
  }

  /** A blocked user, a missing chat, or a request over the enforced limits, like Telegram answers them. */
  private refusal(method: string, p: Payload, at: number): FakeResponse | undefined {
    if (!LIMITED_METHODS.has(method)) return undefined;
    const chat = String(p.chat_id);
    if (this.blockedChats.has(chat)) return { status: 403, body: { ok: false, error_code: 403, description: "Forbidden: bot was blocked by the user" } };
    if (this.missingChats.has(chat)) return { status: 400, body: { ok: false, error_code: 400, description: "Bad Request: chat not found" } };
    if (!this.limits) return undefined;
    while (this.recentSends.length > 0 && at - this.recentSends[0]! >= 1000) this.recentSends.shift();
    const lastInChat = this.lastSendByChat.get(chat);
    const chatWait = lastInChat === undefined ? 0 : lastInChat + 1000 / this.limits.perChatPerSecond - at;
    const globalWait = this.recentSends.length >= this.limits.perSecond ? this.recentSends[0]! + 1000 - at : 0;
    const wait = Math.max(chatWait, globalWait);
    if (wait > 0) {
      this.rateLimited += 1;
      const retryAfter = Math.max(1, Math.ceil(wait / 1000));
      return { status: 429, body: tooManyRequests(retryAfter) };
    }
    this.recentSends.push(at);
    this.accepted.push(at);
    this.lastSendByChat.set(chat, at);
    return undefined;
  }

  /** Enforces Telegram's flood limits on sends and edits (e.g. 30 a second, 1 a second per chat), answering 429 with retry_after. */
  enforceLimits(limits: RateLimits | undefined): void {
    this.limits = limits;
  }

  /** Sends to these chats answer 403 "bot was blocked by the user" (until `unblock`). */
  block(...chatIds: Array<number | string>): void {
    for (const id of chatIds) this.blockedChats.add(String(id));
  }

  unblock(...chatIds: Array<number | string>): void {
    for (const id of chatIds) this.blockedChats.delete(String(id));
  }

  /** Sends to these chats answer 400 "chat not found". */
  loseChats(...chatIds: Array<number | string>): void {
    for (const id of chatIds) this.missingChats.add(String(id));
  }

  /** The next `times` calls of `method` ("*" for any but getUpdates) lose their connection. */
  dropConnections(method: string, times = 1, mode: DropMode = "before"): void {
    this.drops.push({ method: method === "*" ? "*" : (this.canonical.get(method.toLowerCase()) ?? method), mode, times });
  }

  /** How many messages reached each chat (successful sends only). */
  deliveriesByChat(): Map<number, number> {
    const counts = new Map<number, number>();
    for (const call of this.delivered) counts.set(Number(call.payload.chat_id), (counts.get(Number(call.payload.chat_id)) ?? 0) + 1);
    return counts;
  }

  /** Simulates `from` sending any message (a photo, a forward, a reply …); `fields` are merged into it. Returns the update_id. */
  sendMessageFrom(from: FakeUser, fields: Partial<Message>): number {
    const state = this.chat(from.id, from);
    const message = { message_id: state.nextId++, date: now(), chat: this.chatObject(from.id), from: toUser(from), ...fields } as Message & Update.NonChannel;
    state.messages.set(message.message_id, message);
    return this.pushUpdate({ message });
  }

  /** Simulates `from` sending a file as a document; the bot can fetch it with getFile and download it. */
  sendDocumentFrom(from: FakeUser, file: { fileName: string; data: Buffer | string; mimeType?: string }, caption?: string): number {
    const n = ++this.counter;
    const data = Buffer.isBuffer(file.data) ? file.data : Buffer.from(file.data);
    const mimeType = file.mimeType ?? MIME[file.fileName.split(".").pop()?.toLowerCase() ?? ""] ?? "application/octet-stream";
    const fileId = `doc-${n}`;
    this.files.set(fileId, { fileName: file.fileName, mimeType, data, path: `documents/file_${n}_${file.fileName}` });
    return this.sendMessageFrom(from, {
      document: { file_id: fileId, file_unique_id: `u-${fileId}`, file_name: file.fileName, mime_type: mimeType, file_size: data.length },
      ...(caption ? { caption } : {}),
    });
  }

  /** Queues an update for getUpdates; assigns `update_id` when missing and returns it. */
  pushUpdate(update: Omit<Update, "update_id"> & { update_id?: number }): number {
    const full = { ...update, update_id: update.update_id ?? this.nextUpdateId } as Update;
    this.nextUpdateId = Math.max(this.nextUpdateId, full.update_id + 1);
    this.updates.push(full);
    for (const poll of this.polls) {
      const ready = this.updates.filter((u) => u.update_id >= poll.offset).slice(0, poll.limit);
      if (ready.length > 0) this.answerPoll(poll, ready);
    }
    return full.update_id;
  }

  /** Simulates `from` typing `text` in the private chat; commands get a bot_command entity. Returns the update_id. */
  sendText(from: FakeUser, text: string): number {
    const state = this.chat(from.id, from);
    const command = /^\/[A-Za-z0-9_]+(?:@[A-Za-z0-9_]+)?/.exec(text);
    const message = {
      message_id: state.nextId++, date: now(), chat: this.chatObject(from.id), from: toUser(from), text,
      ...(command ? { entities: [{ type: "bot_command", offset: 0, length: command[0].length }] } : {}),
    } as Message & Update.NonChannel;
    state.messages.set(message.message_id, message);
    return this.pushUpdate({ message });
  }

  /** Simulates pressing an inline button; `message` defaults to the bot's last message in that chat. Returns the query id. */
  pressButton(from: FakeUser, callbackData: string, message?: Message): string {
    const state = this.chat(from.id, from);
    const target = message ?? state.messages.get(state.lastBotMessageId ?? NaN);
    if (!target) throw new Error(`pressButton: the bot has not sent any message to chat ${from.id}`);
    // Register foreign messages so a following edit of them succeeds.
    if (!state.messages.has(target.message_id)) state.messages.set(target.message_id, target);
    const id = `cbq-${++this.counter}`;
    this.pushUpdate({ callback_query: { id, from: toUser(from), message: target as NonNullable<Update["callback_query"]>["message"], chat_instance: `ci-${from.id}`, data: callbackData } });
    return id;
  }

  /** sendMessage/sendDocument/sendPhoto/editMessageText calls addressed to `chatId`, in order. */
  messagesTo(chatId: number | string): ApiCall[] {
    return this.calls.filter((c) => REPLY_METHODS.has(c.method) && sameChat(c, chatId));
  }

  /** Forgets recorded calls (not chats, queued updates or injected failures); `since` indices restart at 0. */
  clear(): void {
    this.calls.length = 0;
  }

  /**
   * Resolves with the first call matching `predicate`, counting calls already recorded at index >= `since`
   * (default 0). A bare number is taken as `timeoutMs` (default 5000). Rejects listing recent calls on timeout.
   * Resolves when the request arrives, i.e. before the bot has received the response.
   */
  waitFor(predicate: (call: ApiCall) => boolean, options: WaitOptions | number = {}): Promise<ApiCall> {
    const { timeoutMs = 5000, since = 0 } = typeof options === "number" ? { timeoutMs: options } : options;
    const found = this.calls.slice(since).find(predicate);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const done = () => { clearTimeout(timer); this.waiters.delete(waiter); };
      const waiter: Waiter = { predicate, since, resolve: (c) => { done(); resolve(c); }, reject: (e) => { done(); reject(e); } };
      const timer = setTimeout(() => waiter.reject(new Error(
        `FakeBotApi.waitFor: no matching call within ${timeoutMs} ms (since #${since}; predicate ${String(predicate).slice(0, 120)}).\n` +
        `Last calls:\n${this.describeRecent()}`)), timeoutMs);
      this.waiters.add(waiter);
    });
  }

  /** Next sendMessage/sendDocument/sendPhoto/editMessageText to `chatId` recorded at index >= `since` (default: now). */
  nextReply(chatId: number | string, options: WaitOptions = {}): Promise<ApiCall> {
    const since = options.since ?? this.calls.length;
    return this.waitFor((c) => REPLY_METHODS.has(c.method) && sameChat(c, chatId), { ...options, since });
  }

  private describeRecent(): string {
    const recent = this.calls.map((c, i) => ({ c, i })).filter(({ c }) => c.method !== "getUpdates").slice(-8);
    if (recent.length === 0) return "  (none besides getUpdates)";
    const replacer = (_: string, v: unknown) => (isUpload(v) ? `<${v.fileName}: ${v.data.length} bytes>` : v);
    return recent.map(({ c, i }) => `  #${i} ${c.method} ${JSON.stringify(c.payload, replacer).slice(0, 300)}`).join("\n");
  }

  /** Makes the next `times` calls of `method` answer with this raw status and body. */
  failNext(method: string, response: FakeResponse, times = 1): void {
    this.failures.set(this.canonical.get(method.toLowerCase()) ?? method, { ...response, times });
  }

  /** Overrides (or adds) a method; pass `undefined` to restore the built-in behaviour. */
  setHandler(method: string, fn: MethodHandler | undefined): void {
    const name = this.canonical.get(method.toLowerCase()) ?? method;
    if (fn) this.handlers.set(name, fn);
    else this.handlers.delete(name);
  }

  /** Answers pending long polls with no updates, rejects pending waiters and stops the server. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const flushed = [...this.polls].map((poll) => new Promise((r) => { poll.res.once("close", r); this.answerPoll(poll, []); }));
    for (const w of this.waiters) w.reject(new Error("FakeBotApi closed"));
    await Promise.all(flushed);
    const stopped = new Promise<void>((resolve) => this.server.close(() => resolve()));
    // grammY's keep-alive agent would otherwise hold the server open.
    this.server.closeAllConnections();
    await stopped;
  }
}

/** The body of a 429 as Telegram sends it. */
export function tooManyRequests(retryAfter: number): object {
  return { ok: false, error_code: 429, description: `Too Many Requests: retry after ${retryAfter}`, parameters: { retry_after: retryAfter } };
}

/** Starts a fake Bot API on 127.0.0.1 with a random port. */
export async function startFakeBotApi(options: { token?: string; botUsername?: string } = {}): Promise<FakeBotApi> {
  const api = new FakeBotApi(options.token ?? "123456:TEST-TOKEN", options.botUsername ?? "border_trade_test_bot");
  await api.listen();
  return api;
}
