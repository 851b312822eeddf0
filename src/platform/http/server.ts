import http from "node:http";
import type { AddressInfo } from "node:net";

/** One path of the HTTP server: `GET /healthz`, `POST /telegram`, `GET /fairs/:id` as a pattern. */
export interface Route {
  method: "GET" | "POST";
  /** An exact path, or a pattern whose groups are handed to the handler. */
  path: string | RegExp;
  handle(request: http.IncomingMessage, response: http.ServerResponse, params: string[]): Promise<void> | void;
}

export interface HttpServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Sends a small JSON body with a status. */
export function sendJson(response: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(text) });
  response.end(text);
}

export class BodyTooLarge extends Error {}

/** The request body as text, refused past `limit` bytes (a webhook update is a few kilobytes). */
export async function readBody(request: http.IncomingMessage, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new BodyTooLarge(`body over ${limit} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** The handler's params when `route` answers this method and path, else undefined (HEAD is answered as GET). */
export function matchRoute(route: Route, method: string, path: string): string[] | undefined {
  const methodMatches = route.method === method || (route.method === "GET" && method === "HEAD");
  if (!methodMatches) return undefined;
  if (typeof route.path === "string") return route.path === path ? [] : undefined;
  const found = route.path.exec(path);
  return found ? found.slice(1) : undefined;
}

/**
 * The bot's own HTTP server (node:http, no framework): the webhook, the health checks and the
 * public pages are routes on it. 404 for other paths, 405 for another method on a known path,
 * 500 (logged by the caller's `onError`) when a handler throws.
 */
export function startHttpServer(options: {
  host: string;
  port: number;
  routes: readonly Route[];
  onError(error: unknown): void;
}): Promise<HttpServer> {
  const server = http.createServer(async (request, response) => {
    const path = new URL(request.url ?? "/", "http://localhost").pathname;
    const method = request.method ?? "GET";
    try {
      for (const route of options.routes) {
        const params = matchRoute(route, method, path);
        if (params) return await route.handle(request, response, params);
      }
      const known = options.routes.some(
        (route) => matchRoute({ ...route, method: "GET" }, "GET", path) || matchRoute({ ...route, method: "POST" }, "POST", path),
      );
      sendJson(response, known ? 405 : 404, { error: known ? "method not allowed" : "not found" });
    } catch (error) {
      if (error instanceof BodyTooLarge) return sendJson(response, 413, { error: "request too large" });
      options.onError(error);
      if (!response.headersSent) sendJson(response, 500, { error: "internal error" });
      else response.end();
    }
  });
  // Keep-alive connections from a reverse proxy must not hold a stop for minutes.
  server.keepAliveTimeout = 5_000;
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => {
      const { port } = server.address() as AddressInfo;
      const host = options.host.includes(":") ? `[${options.host}]` : options.host;
      resolve({
        url: `http://${host}:${port}`,
        port,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeIdleConnections();
          }),
      });
    });
  });
}
