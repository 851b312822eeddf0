import http from "node:http";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";
import type { Update, UserFromGetMe } from "grammy/types";
import { botApiMethods, type MethodHandler } from "./bot-api-methods.js";
import { ApiError, readPayload, sendJson } from "./bot-api-request.js";
import { type ApiCall, CallLog } from "./call-log.js";
import { ChatStore, type ChatStoreLimits } from "./chat-store.js";
import { UpdateQueue } from "./update-queue.js";

/** One recorded Bot API request; `at` is `performance.now()` when the request arrived. */
/** A raw HTTP answer used by failure injection. */
export type FakeResponse = { status: number; body: object };
/** `since` is an index into `calls`: only calls recorded at or after it can match. */
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
  /** How much the chats and files may hold in memory (a long-running sandbox); unlimited without. */
  limits?: ChatStoreLimits;
}

/** This machine's own names: a request for any other host is a page renamed to 127.0.0.1 (DNS rebinding). */
const LOCAL_HOST = /^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/i;

/**
 * Whether a request comes from this machine and not from a web page of another site: addressed to
 * a local name, with no foreign Origin, and not marked cross-site by the browser (a GET from an
 * <img> carries no Origin, but Sec-Fetch-Site). The bot's own HTTP client sends neither header.
 */
export function isLocalRequest(req: http.IncomingMessage): boolean {
  const host = req.headers.host ?? "";
  if (!LOCAL_HOST.test(host)) return false;
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== `http://${host}`) return false;
  const site = req.headers["sec-fetch-site"];
  return site === undefined || site === "same-origin" || site === "none";
}

/**
 * A local Telegram Bot API server over HTTP, for the sandbox and the tests: long polling, the
 * sending and editing methods the bot uses, files, command menus. BotApiServer adds the user's
 * side of each chat.
 */
export class BotApiCore extends CallLog {
  /** What getMe returns; pass it as `botInfo` to `new Bot()` to skip the getMe round trip. */
  readonly botInfo: UserFromGetMe;
  readonly token: string;
  readonly chats: ChatStore;
  /** Root URL for grammY's `client.apiRoot` option. */
  apiRoot = "";
  private readonly server = http.createServer((req, res) => void this.handle(req, res));
  private readonly routes: Route[] = [];
  private readonly updates = new UpdateQueue();
  private readonly failures = new Map<string, FakeResponse & { times: number }>();
  private readonly handlers = new Map<string, MethodHandler>();
  private readonly interceptors: CallInterceptor[] = [];
  private readonly builtins: Record<string, MethodHandler>;
  private readonly canonical: Map<string, string>;
  private closed = false;
  private latencyMs = 0;

  constructor(private readonly options: BotApiServerOptions = {}) {
    super(options.keepCalls !== false);
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
    this.chats = new ChatStore(this.botInfo, options.limits);
    this.builtins = {
      ...botApiMethods(this.chats),
      deleteWebhook: (p) => {
        if (p.drop_pending_updates === true) this.updates.clear();
        this.updates.deleteWebhook();
        return true;
      },
      setWebhook: (p) => {
        if (p.drop_pending_updates === true) this.updates.clear();
        if (!p.url) this.updates.deleteWebhook();
        else this.updates.setWebhook(String(p.url), p.secret_token === undefined ? undefined : String(p.secret_token));
        return true;
      },
      getWebhookInfo: () => this.updates.webhookInfo(),
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
    // The request reaches "Telegram" a fixed latency after it reached this server: its arrival time
    // is that moment, not when this process's timer got round to it.
    const latency = this.latencyMs;
    const at = performance.now() + latency;
    if (latency > 0) await new Promise((resolve) => setTimeout(resolve, latency));
    const url = new URL(req.url ?? "/", "http://localhost");
    if (!isLocalRequest(req))
      return sendJson(res, 403, { ok: false, error_code: 403, description: "Forbidden: open the sandbox at http://127.0.0.1" });
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
      if (!handler && method === "getUpdates") return this.updates.poll(payload, res, this.closed);
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

  /** Queues an update for getUpdates; assigns `update_id` when missing and returns it. */
  pushUpdate(update: Omit<Update, "update_id"> & { update_id?: number }): number {
    return this.updates.push(update);
  }

  /** Makes the next `times` calls of `method` answer with this raw status and body. */
  failNext(method: string, response: FakeResponse, times = 1): void {
    this.failures.set(this.canonical.get(method.toLowerCase()) ?? method, { ...response, times });
  }

  /** Adds a {@link CallInterceptor}; interceptors run in the order added, after `failNext`. */
  intercept(interceptor: CallInterceptor): void {
    this.interceptors.push(interceptor);
  }

  /** Holds every request this long before handling it: a bot far from Telegram's servers (the whole round trip, before the answer). */
  setLatency(ms: number): void {
    this.latencyMs = ms;
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
    const flushed = this.updates.answerAll();
    this.rejectWaiters(new Error("BotApiServer closed"));
    await flushed;
    const stopped = new Promise<void>((resolve) => this.server.close(() => resolve()));
    // grammY's keep-alive agent and the page's event streams would otherwise hold the server open.
    this.server.closeAllConnections();
    await stopped;
  }
}
