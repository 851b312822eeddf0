import fs from "node:fs";
import type http from "node:http";
import { ApiError, readBody, sendJson } from "./bot-api-request.js";
import type { BotApiServer, Route } from "./bot-api-server.js";
import type { ChatEvent } from "./chat-store.js";
import type { Persona } from "./personas.js";

const PAGE = fs.readFileSync(new URL("./chat-page.html", import.meta.url), "utf8");
const MAX_UPLOAD = 20 * 1024 * 1024;
// Images show inline; anything else (an uploaded .html, say) is only ever a download, never a page.
const INLINE = /^image\/(png|jpeg|gif|webp)$/;

type Json = Record<string, unknown>;

const encodeRfc5987 = (value: string) =>
  encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * The chat page and the small HTTP+JSON interface it uses: a live event stream (Server-Sent Events)
 * and what a user does — type, press a button, send a file, block the bot — as one of `personas`.
 */
export function chatPage(server: BotApiServer, personas: readonly Persona[]): Route {
  const byKey = new Map(personas.map((p) => [p.key, p]));
  const ids = new Set(personas.map((p) => p.id));
  const persona = (key: unknown): Persona => {
    const found = byKey.get(String(key));
    if (!found) throw new ApiError(400, `no persona "${String(key)}"`);
    return found;
  };
  const writable = (who: Persona) => {
    if (server.chats.isBlocked(who.id)) throw new ApiError(409, "you blocked the bot: unblock it first");
  };
  const readJson = async (req: http.IncomingMessage): Promise<Json> => {
    // Requiring JSON makes a cross-site form post impossible without a CORS preflight, which is never granted.
    if (!req.headers["content-type"]?.includes("application/json")) throw new ApiError(415, "send JSON");
    try {
      return JSON.parse((await readBody(req, 64 * 1024)).toString("utf8")) as Json;
    } catch {
      throw new ApiError(400, "bad JSON");
    }
  };

  const snapshot = () => ({
    type: "snapshot",
    bot: { first_name: server.botInfo.first_name, username: server.botInfo.username },
    personas: personas.map(({ key, id, first_name, last_name, username, language_code, flag, role, company, staff }) => ({
      key,
      id,
      first_name,
      last_name,
      username,
      language_code,
      flag,
      role,
      company,
      staff,
    })),
    chats: Object.fromEntries(personas.map((p) => [p.id, server.chats.history(p.id)])),
    blocked: Object.fromEntries(personas.map((p) => [p.id, server.chats.isBlocked(p.id)])),
  });

  function events(req: http.IncomingMessage, res: http.ServerResponse) {
    res.writeHead(200, { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-store" });
    const write = (data: object) => res.write(`data: ${JSON.stringify(data)}\n\n`);
    write(snapshot());
    const unsubscribe = server.chats.subscribe((event: ChatEvent) => {
      if (event.type === "commands" || ids.has(event.chatId)) write(event);
    });
    // Proxies and browsers drop idle streams; a comment line every 20 s keeps this one open.
    const heartbeat = setInterval(() => res.write(": ping\n\n"), 20_000);
    req.on("close", () => {
      clearInterval(heartbeat);
      unsubscribe();
    });
  }

  function file(res: http.ServerResponse, fileId: string, download: boolean) {
    const stored = server.chats.files.get(fileId);
    if (!stored) return sendJson(res, 404, { error: "no such file" });
    const inline = !download && INLINE.test(stored.mimeType);
    const ascii = stored.fileName.replace(/[^\x20-\x7e]|["\\]/g, "_");
    res.writeHead(200, {
      "content-type": stored.mimeType,
      "content-length": stored.data.length,
      "content-disposition": `${inline ? "inline" : "attachment"}; filename="${ascii}"; filename*=UTF-8''${encodeRfc5987(stored.fileName)}`,
      "content-security-policy": "sandbox",
      "x-content-type-options": "nosniff",
    });
    res.end(stored.data);
  }

  const actions: Record<string, (req: http.IncomingMessage, url: URL) => Promise<object>> = {
    async "/api/send"(req) {
      const body = await readJson(req);
      const who = persona(body.persona);
      writable(who);
      const text = typeof body.text === "string" ? body.text.trim() : "";
      if (text === "" || text.length > 4096) throw new ApiError(400, "a message is 1 to 4096 characters");
      server.sendText(who, text);
      return { ok: true };
    },
    async "/api/press"(req) {
      const body = await readJson(req);
      const who = persona(body.persona);
      writable(who);
      const message = server.chats.find(who.id, body.message_id);
      // Only a button that is on the message now can be pressed, as in Telegram.
      const buttons = message?.reply_markup?.inline_keyboard.flat() ?? [];
      if (!message || !buttons.some((b) => "callback_data" in b && b.callback_data === body.data))
        throw new ApiError(400, "that button is gone");
      return { ok: true, query_id: server.pressButton(who, String(body.data), message) };
    },
    async "/api/upload"(req, url) {
      const who = persona(url.searchParams.get("persona"));
      writable(who);
      const fileName = decodeURIComponent(String(req.headers["x-file-name"] ?? ""))
        .replace(/[/\\]/g, "_")
        .slice(0, 200);
      if (!fileName) throw new ApiError(400, "the x-file-name header names the file");
      const data = await readBody(req, MAX_UPLOAD);
      if (data.length === 0) throw new ApiError(400, "the file is empty");
      const caption = decodeURIComponent(String(req.headers["x-caption"] ?? "")).slice(0, 1024);
      server.sendFile(who, { fileName, mimeType: req.headers["content-type"] || "application/octet-stream", data }, { caption });
      return { ok: true };
    },
    async "/api/block"(req) {
      const body = await readJson(req);
      const who = persona(body.persona);
      if (server.chats.isBlocked(who.id) !== (body.blocked === true)) server.setBlocked(who, body.blocked === true);
      return { ok: true };
    },
  };

  return async (req, res, url) => {
    const path = url.pathname;
    // The server has already refused requests for another host or from another site (isLocalRequest).
    try {
      if (req.method === "GET" && (path === "/" || path === "/index.html")) {
        res.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
        res.end(PAGE);
      } else if (req.method === "GET" && path === "/api/events") events(req, res);
      else if (req.method === "GET" && path === "/api/commands") {
        const who = persona(url.searchParams.get("persona"));
        sendJson(res, 200, { commands: server.chats.commandsFor(who.id, who.language_code) });
      } else if (req.method === "GET" && path.startsWith("/files/"))
        file(res, decodeURIComponent(path.slice(7)), url.searchParams.has("download"));
      else if (req.method === "POST" && actions[path]) sendJson(res, 200, await actions[path](req, url));
      else return false;
    } catch (error) {
      const status = error instanceof ApiError ? error.status : 500;
      sendJson(res, status, { error: error instanceof Error ? error.message : String(error) });
    }
    return true;
  };
}
