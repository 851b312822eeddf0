import http from "node:http";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";
import type { Message, Update, User, UserFromGetMe } from "grammy/types";
import { botApiMethods, type MethodHandler } from "./bot-api-methods.js";
import { ApiError, isUpload, type Payload, readPayload, sendJson, type UploadedFile } from "./bot-api-request.js";
import { ChatStore, type SandboxUser } from "./chat-store.js";

export type { MethodHandler } from "./bot-api-methods.js";
export type { UploadedFile } from "./bot-api-request.js";
export type { ChatEvent, SandboxUser } from "./chat-store.js";
/** One recorded Bot API request; `at` is `performance.now()` when the request arrived. */
export type ApiCall = { method: string; payload: Record<string, unknown>; at: number };
/** A raw HTTP answer used by failure injection. */
export type FakeResponse = { status: number; body: object };
/** `since` is an index into `calls`: only calls recorded at or after it can match. */
export type WaitOptions = { timeoutMs?: number; since?: number };
/**
 * Sees every Bot API call around its method (the tests' failure injection: rate limits, lost
 * chats, dropped connections). `before` may answer instead of the method, or drop the connection
 * unanswered; `after` hears a successful answer and may drop it (the call took effect, the
 * answer was lost).
 */
export interface CallInterceptor {
  before?(call: ApiCall): FakeResponse | "drop" | undefined;
  after?(call: ApiCall): "drop" | undefined;
}
/** Serves a request outside the Bot API paths; returns false to let the server answer 404. */
export type Route = (req: http.IncomingMessage, res: http.ServerResponse, url: URL) => boolean | Promise<boolean>;

export interface BotApiServerOptions {
  token?: string;
  botUsername?: string;
  botName?: string;
  /** Record every request in `calls` (tests read them); a long-running sandbox turns this off. */
  keepCalls?: boolean;
  /** Told about methods this server does not implement, so a sandbox user learns why a call failed. */
  onUnknownMethod?: (method: string) => void;
}

type PendingPoll = { offset: number; limit: number; res: http.ServerResponse; timer: NodeJS.Timeout };
type Waiter = {
  predicate: (call: ApiCall) => boolean;
  since: number;
  resolve: (call: ApiCall) => void;
  reject: (err: Error) => void;
};

const REPLY_METHODS = new Set(["sendMessage", "sendDocument", "sendPhoto", "editMessageText"]);
const sameChat = (call: ApiCall, chatId: number | string) => String(call.payload.chat_id) === String(chatId);
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
 * A local Telegram Bot API server over HTTP, for the sandbox and the tests: long polling, the
 * sending and editing methods the bot uses, files, command menus, and the user's side of each
 * chat (typing, pressing buttons, sending files, blocking the bot). Start it with {@link startBotApiServer}.
 */
export class BotApiServer {
  /** Every authorised request in arrival order, including getUpdates, failures and unknown methods. */
  readonly calls: ApiCall[] = [];
  /** What getMe returns; pass it as `botInfo` to `new Bot()` to skip the getMe round trip. */
  readonly botInfo: UserFromGetMe;
  readonly token: string;
  readonly chats: ChatStore;
  /** Root URL for grammY's `client.apiRoot` option. */
  apiRoot = "";
  private readonly server = http.createServer((req, res) => void this.handle(req, res));
  private readonly routes: Route[] = [];
  private readonly updates: Update[] = [];
  private readonly polls = new Set<PendingPoll>();
  private readonly waiters = new Set<Waiter>();
  private readonly failures = new Map<string, FakeResponse & { times: number }>();
  private readonly handlers = new Map<string, MethodHandler>();
  private readonly interceptors: CallInterceptor[] = [];
  private readonly builtins: Record<string, MethodHandler>;
  private readonly canonical: Map<string, string>;
  private nextUpdateId = 1;
  private counter = 0;
  private closed = false;

  constructor(private readonly options: BotApiServerOptions = {}) {
    this.token = options.token ?? "123456:TEST-TOKEN";
    const id = Number(this.token.split(":")[0]) || 123456;
    this.botInfo = {
      id,
      is_bot: true,
      first_name: options.botName ?? "Test Bot",
      username: options.botUsername ?? "border_trade_test_bot",
      can_join_groups: true,
      can_read_all_group_messages: false,
      supports_inline_queries: false,
      can_connect_to_business: false,
      has_main_web_app: false,
    } as UserFromGetMe;
    this.chats = new ChatStore(this.botInfo);
    this.builtins = {
      ...botApiMethods(this.chats),
      deleteWebhook: (p) => {
        if (p.drop_pending_updates === true) this.updates.length = 0;
        return true;
      },
    };
    // Telegram treats method names case-insensitively; calls are recorded with the canonical spelling.
    this.canonical = new Map(["getUpdates", ...Object.keys(this.builtins)].map((m) => [m.toLowerCase(), m]));
  }

  /** Listens on `host:port` (port 0 picks a free one) and sets `apiRoot`. */
  async listen(port = 0, host = "127.0.0.1"): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once("error", reject);
      this.server.listen(port, host, () => {
        this.server.off("error", reject);
        resolve();
      });
    });
    this.apiRoot = `http://${host}:${(this.server.address() as AddressInfo).port}`;
  }

  /** Adds a handler for paths outside /bot<token>/ and /file/bot<token>/ (the chat page). */
  mount(route: Route): void {
    this.routes.push(route);
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const at = performance.now();
    const url = new URL(req.url ?? "/", "http://localhost");
    const file = /^\/file\/bot([^/]+)\/(.+)$/.exec(url.pathname);
    if (file) return this.download(res, decodeURIComponent(file[1]!), decodeURIComponent(file[2]!));
    const match = /^\/bot([^/]+)\/(?:test\/)?([^/]+)$/.exec(url.pathname);
    if (!match) {
      for (const route of this.routes) if (await route(req, res, url)) return;
      return sendJson(res, 404, { ok: false, error_code: 404, description: "Not Found" });
    }
    if (decodeURIComponent(match[1]!) !== this.token)
      return sendJson(res, 401, { ok: false, error_code: 401, description: "Unauthorized" });
    const method = this.canonical.get(match[2]!.toLowerCase()) ?? match[2]!;
    try {
      const payload = await readPayload(req, url);
      const call = { method, payload, at };
      this.record(call);
      const failure = this.failures.get(method);
      if (failure) {
        if (--failure.times <= 0) this.failures.delete(method);
        return sendJson(res, failure.status, failure.body);
      }
      for (const interceptor of this.interceptors) {
        const answer = interceptor.before?.(call);
        if (answer === "drop") return void res.socket?.destroy();
        if (answer) return sendJson(res, answer.status, answer.body);
      }
      const handler = this.handlers.get(method);
      if (!handler && method === "getUpdates") return this.poll(payload, res);
      const run = handler ?? this.builtins[method];
      if (!run) {
        this.options.onUnknownMethod?.(method);
        throw new ApiError(404, "Not Found: method not found");
      }
      const result = await run(payload);
      if (this.interceptors.some((interceptor) => interceptor.after?.(call) === "drop")) return void res.socket?.destroy();
      sendJson(res, 200, { ok: true, result });
    } catch (err) {
      const status = err instanceof ApiError ? err.status : 500;
      sendJson(res, status, { ok: false, error_code: status, description: err instanceof Error ? err.message : String(err) });
    }
  }

  private download(res: http.ServerResponse, token: string, filePath: string) {
    const file = token === this.token ? this.chats.files.atPath(filePath) : undefined;
    if (!file) return sendJson(res, 404, { ok: false, error_code: 404, description: "Not Found" });
    res.writeHead(200, { "content-type": file.mimeType, "content-length": file.data.length });
    res.end(file.data);
  }

  private poll(p: Payload, res: http.ServerResponse) {
    let offset = Number(p.offset ?? 0) || 0;
    // Like Telegram: a positive offset confirms older updates, a negative one keeps only the last -offset.
    if (offset < 0) {
      this.updates.splice(0, Math.max(0, this.updates.length + offset));
      offset = 0;
    } else while (this.updates.length && this.updates[0]!.update_id < offset) this.updates.shift();
    const limit = Math.min(100, Math.max(1, Number(p.limit) || 100));
    const ready = this.updates.filter((u) => u.update_id >= offset).slice(0, limit);
    const timeout = Number(p.timeout) || 0;
    if (ready.length > 0 || timeout <= 0 || this.closed) return sendJson(res, 200, { ok: true, result: ready });
    const poll: PendingPoll = { offset, limit, res, timer: setTimeout(() => this.answerPoll(poll, []), timeout * 1000) };
    this.polls.add(poll);
    // grammY aborts its pending poll on bot.stop(); forget it so nothing is written to a dead socket.
    res.on("close", () => {
      clearTimeout(poll.timer);
      this.polls.delete(poll);
    });
  }

  private answerPoll(poll: PendingPoll, result: Update[]) {
    clearTimeout(poll.timer);
    this.polls.delete(poll);
    sendJson(poll.res, 200, { ok: true, result });
  }

  private record(call: ApiCall) {
    if (this.options.keepCalls === false) return;
    this.calls.push(call);
    const index = this.calls.length - 1;
    // A throwing test predicate must not turn into a 500 for the bot.
    const matches = (w: Waiter) => {
      try {
        return w.predicate(call);
      } catch {
        return false;
      }
    };
    for (const w of this.waiters) if (index >= w.since && matches(w)) w.resolve(call);
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
    const target = message ?? this.chats.lastBotMessage(from.id);
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
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(waiter);
      };
      const waiter: Waiter = {
        predicate,
        since,
        resolve: (c) => {
          done();
          resolve(c);
        },
        reject: (e) => {
          done();
          reject(e);
        },
      };
      const timer = setTimeout(
        () =>
          waiter.reject(
            new Error(
              `waitFor: no matching call within ${timeoutMs} ms (since #${since}; predicate ${String(predicate).slice(0, 120)}).\n` +
                `Last calls:\n${this.describeRecent()}`,
            ),
          ),
        timeoutMs,
      );
      this.waiters.add(waiter);
    });
  }

  /** Next sendMessage/sendDocument/sendPhoto/editMessageText to `chatId` recorded at index >= `since` (default: now). */
  nextReply(chatId: number | string, options: WaitOptions = {}): Promise<ApiCall> {
    const since = options.since ?? this.calls.length;
    return this.waitFor((c) => REPLY_METHODS.has(c.method) && sameChat(c, chatId), { ...options, since });
  }

  private describeRecent(): string {
    const recent = this.calls
      .map((c, i) => ({ c, i }))
      .filter(({ c }) => c.method !== "getUpdates")
      .slice(-8);
    if (recent.length === 0) return "  (none besides getUpdates)";
    const replacer = (_: string, v: unknown) => (isUpload(v) ? `<${v.fileName}: ${v.data.length} bytes>` : v);
    return recent.map(({ c, i }) => `  #${i} ${c.method} ${JSON.stringify(c.payload, replacer).slice(0, 300)}`).join("\n");
  }

  /** Makes the next `times` calls of `method` answer with this raw status and body. */
  failNext(method: string, response: FakeResponse, times = 1): void {
    this.failures.set(this.canonical.get(method.toLowerCase()) ?? method, { ...response, times });
  }

  /** Adds a {@link CallInterceptor}; interceptors run in the order added, after `failNext`. */
  intercept(interceptor: CallInterceptor): void {
    this.interceptors.push(interceptor);
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
    const flushed = [...this.polls].map(
      (poll) =>
        new Promise((r) => {
          poll.res.once("close", r);
          this.answerPoll(poll, []);
        }),
    );
    for (const w of this.waiters) w.reject(new Error("BotApiServer closed"));
    await Promise.all(flushed);
    const stopped = new Promise<void>((resolve) => this.server.close(() => resolve()));
    // grammY's keep-alive agent and the page's event streams would otherwise hold the server open.
    this.server.closeAllConnections();
    await stopped;
  }
}

/** Starts a Bot API server on 127.0.0.1 (a free port unless `port` is given). */
export async function startBotApiServer(options: BotApiServerOptions & { port?: number } = {}): Promise<BotApiServer> {
  const server = new BotApiServer(options);
  await server.listen(options.port ?? 0);
  return server;
}
