import { createHash } from "node:crypto";
import type http from "node:http";

/** A body to send with validators, so a client that has it already gets 304 Not Modified. */
export interface CachedBody {
  body: string | Buffer;
  type: string;
  /** Cache-Control; "no-cache" (the default) makes clients revalidate every time, cheaply. */
  cacheControl?: string;
  /** When what the body shows last changed, for Last-Modified and If-Modified-Since. */
  lastModified?: Date;
  /** Extra headers, e.g. Content-Disposition. */
  headers?: Record<string, string>;
}

/** A strong ETag of a body: a hash of its bytes. */
export const etagOf = (body: string | Buffer): string =>
  `"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"`;

function notModified(request: http.IncomingMessage, etag: string, lastModified: Date | undefined): boolean {
  const match = request.headers["if-none-match"];
  // If-None-Match wins over If-Modified-Since (RFC 9110, 13.2.2).
  if (match !== undefined) return match.split(",").some((tag) => tag.trim().replace(/^W\//, "") === etag || tag.trim() === "*");
  const since = request.headers["if-modified-since"];
  if (!since || !lastModified) return false;
  const date = Date.parse(since);
  return !Number.isNaN(date) && Math.floor(lastModified.getTime() / 1000) <= Math.floor(date / 1000);
}

/**
 * Sends a body with an ETag (and Last-Modified when known), or 304 with no body when the
 * request's validators match it. HEAD gets the headers only.
 */
export function sendCached(request: http.IncomingMessage, response: http.ServerResponse, cached: CachedBody): void {
  const etag = etagOf(cached.body);
  const headers: Record<string, string | number> = {
    etag,
    "cache-control": cached.cacheControl ?? "no-cache",
    vary: "Accept-Language",
    "x-content-type-options": "nosniff",
    ...(cached.lastModified ? { "last-modified": cached.lastModified.toUTCString() } : {}),
    ...cached.headers,
  };
  if (notModified(request, etag, cached.lastModified)) {
    response.writeHead(304, headers);
    return void response.end();
  }
  response.writeHead(200, { ...headers, "content-type": cached.type, "content-length": Buffer.byteLength(cached.body) });
  response.end(request.method === "HEAD" ? undefined : cached.body);
}
