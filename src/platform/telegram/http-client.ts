import { Api, type ApiClientOptions, HttpError, InputFile, type Transformer } from "grammy";
import { Agent, request } from "undici";

type Fetch = NonNullable<ApiClientOptions["fetch"]>;

const CLOSE_WAIT_MS = 3000;
/** A long poll may take its own `timeout` and then this much more (a slow answer) before it is cut off. */
const POLL_MARGIN_SECONDS = 10;

export interface BotApiHttpOptions {
  /** How long any call but a long poll may take before it is cut off (an HttpError for grammY). */
  timeoutSeconds?: number;
}

/** How long a call (its URL or method) may take: getUpdates its long-poll timeout plus a margin, every other call `timeoutSeconds`. */
export function callDeadlineMs(url: string, body: unknown, timeoutSeconds: number): number {
  if (!/(^|\/)getUpdates$/i.test(url)) return timeoutSeconds * 1000;
  let poll = 0;
  if (typeof body === "string") {
    try {
      poll = Number((JSON.parse(body) as { timeout?: unknown }).timeout) || 0;
    } catch {
      poll = 0;
    }
  }
  return (poll + Math.min(POLL_MARGIN_SECONDS, timeoutSeconds)) * 1000;
}

const JSON_HEADERS = { "content-type": "application/json" };

/** Whether a payload goes as JSON as it is: no file to upload, no null for grammY's client to leave out. */
function isPlainJson(value: unknown): boolean {
  if (value === null || value instanceof InputFile) return false;
  if (typeof value !== "object") return true;
  if (Array.isArray(value)) {
    for (const item of value) if (!isPlainJson(item)) return false;
    return true;
  }
  for (const key in value) if (!isPlainJson((value as Record<string, unknown>)[key])) return false;
  return true;
}

/** What grammY's client passes to `fetch`: a JSON string or a multipart stream, its headers, its timeout signal. */
interface FetchInit {
  method?: string;
  headers?: Record<string, string>;
  body?: string | NodeJS.ReadableStream;
  signal?: AbortSignal;
}

export interface BotApiHttp {
  /** For grammY's `client.fetch` option, on the bot and on every other Api of the process. */
  fetch: Fetch;
  /**
   * Makes the calls with a JSON payload itself, past grammY's client; uploads and payloads with a
   * null go on to grammY's. Install it first on an Api (innermost), so that retries wrap it.
   */
  transformer(token: string, apiRoot: string): Transformer;
  /** An Api on this client: its `fetch` for uploads, its transformer for the rest. */
  api(token: string, apiRoot: string): Api;
  /** Closes the kept-alive connections (at shutdown); calls still running after a few seconds are cut off. */
  close(): Promise<void>;
}

/**
 * The HTTP client for Bot API calls: undici's `request`, the Node.js project's own client (the
 * one under Node's fetch), on kept-alive connections.
 *
 * grammY calls `fetch(url, init)` and reads only `.json()` of the answer, Telegram's errors
 * included (they are JSON with `ok: false`). Its default on Node, node-fetch, wraps every call in
 * Request, Headers, Body and Response objects and a stream; `request` makes the same call without
 * them, for much less CPU (figures in bench/README.md). Node's built-in fetch (undici's fetch)
 * was slower still than node-fetch.
 *
 * Every call has a deadline (`callDeadlineMs`): without one, a response that never comes holds its
 * caller for undici's own header timeout (minutes) — a hung getUpdates leaves every chat unheard,
 * a hung sendMessage holds that chat's queue.
 */
export function createBotApiHttp(options: BotApiHttpOptions = {}): BotApiHttp {
  const timeoutSeconds = options.timeoutSeconds ?? 30;
  // grammY's default agents keep connections alive too; one pool per API root, as there.
  const agent = new Agent({ keepAliveTimeout: 60_000, keepAliveMaxTimeout: 600_000 });
  let inFlight = 0;
  const fetch = async (url: string, init: FetchInit = {}) => {
    inFlight++;
    // grammY's signal comes from a polyfill, which AbortSignal.any does not follow: listen to it.
    const controller = new AbortController();
    const abort = () => controller.abort();
    const timer = setTimeout(abort, callDeadlineMs(url, init.body, timeoutSeconds));
    init.signal?.addEventListener("abort", abort);
    if (init.signal?.aborted) abort();
    const done = () => {
      clearTimeout(timer);
      init.signal?.removeEventListener("abort", abort);
      inFlight--;
    };
    let response: Awaited<ReturnType<typeof request>>;
    try {
      response = await request(url, {
        method: (init.method ?? "GET") as "GET" | "POST",
        headers: init.headers,
        body: init.body as string | undefined,
        signal: controller.signal,
        dispatcher: agent,
      });
    } catch (error) {
      done();
      throw error;
    }
    const body = response.body;
    return { status: response.statusCode, json: () => body.json().finally(done) };
  };

  // grammY's client wraps every call in an abort controller of a polyfill, a timer, three promises
  // and a JSON.stringify with a replacer, on top of `fetch`: about a tenth of the CPU of an answer
  // (bench/README.md). A JSON call needs none of it: undici's own timeouts give the deadline (the
  // answer's headers, then its body, each within it), the caller's signal is undici's.
  const transformer = (token: string, apiRoot: string): Transformer => {
    const base = `${apiRoot}/bot${token}/`;
    return async (prev, method, payload, signal) => {
      if (!isPlainJson(payload)) return prev(method, payload, signal);
      const body = JSON.stringify(payload ?? {});
      const deadline = callDeadlineMs(method, body, timeoutSeconds);
      inFlight++;
      try {
        const response = await request(base + method, {
          method: "POST",
          headers: JSON_HEADERS,
          body,
          signal,
          dispatcher: agent,
          headersTimeout: deadline,
          bodyTimeout: deadline,
        });
        return (await response.body.json()) as Awaited<ReturnType<typeof prev>>;
      } catch (error) {
        throw new HttpError(`Network request for '${method}' failed!`, error);
      } finally {
        inFlight--;
      }
    };
  };
  const api = (token: string, apiRoot: string) => {
    const made = new Api(token, { apiRoot, fetch: fetch as unknown as Fetch, timeoutSeconds });
    made.config.use(transformer(token, apiRoot));
    return made;
  };

  // Calls still running get a few seconds (a reply being sent), then the connections are cut:
  // undici's own close() would wait for a hung call as long as its timeouts (minutes), and a
  // destroy() after a close() leaves such a call hanging.
  const close = async () => {
    for (let waited = 0; inFlight > 0 && waited < CLOSE_WAIT_MS; waited += 50) await new Promise((r) => setTimeout(r, 50));
    await agent.destroy();
  };
  return { fetch: fetch as unknown as Fetch, transformer, api, close };
}
