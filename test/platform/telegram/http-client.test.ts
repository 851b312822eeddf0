import http_ from "node:http";
import type { AddressInfo } from "node:net";
import { Api, GrammyError, HttpError, InputFile } from "grammy";
import { afterEach, describe, expect, it } from "vitest";
import { createBotApiHttp } from "../../../src/platform/telegram/http-client.js";

const TOKEN = "123:abc";
let server: http_.Server | undefined;
const client = createBotApiHttp({ timeoutSeconds: 1 });
/** Bodies the stand-in received, by method. */
const received: Array<{ method: string; body: string; type?: string }> = [];

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((r) => server?.close(r) ?? r(undefined));
  server = undefined;
  received.length = 0;
});

/** A Bot API stand-in answering each request with `answer(method, body)`; undefined leaves it hanging. */
async function serve(
  answer: (method: string, body: Buffer, headers: http_.IncomingHttpHeaders) => object | string | undefined,
  way: Way = "fetch",
): Promise<Api> {
  server = http_.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const method = req.url!.split("/").pop()!;
      received.push({ method, body: Buffer.concat(chunks).toString(), type: req.headers["content-type"] });
      const reply = answer(method, Buffer.concat(chunks), req.headers);
      if (typeof reply === "string") res.writeHead(502, { "content-type": "text/html" }).end(reply);
      else if (reply)
        res
          .writeHead("ok" in reply && reply.ok === false ? 400 : 200, { "content-type": "application/json" })
          .end(JSON.stringify(reply));
    });
  });
  await new Promise<void>((r) => server!.listen(0, "127.0.0.1", r));
  const apiRoot = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return way === "fetch" ? new Api(TOKEN, { apiRoot, fetch: client.fetch, timeoutSeconds: 1 }) : client.api(TOKEN, apiRoot);
}

/** grammY's client on the HTTP client's fetch, or the HTTP client's own JSON calls (its api()). */
type Way = "fetch" | "direct";

describe.each<Way>(["fetch", "direct"])("the Bot API HTTP client (%s)", (way) => {
  it("sends a JSON call and returns its result", async () => {
    const api = await serve((method, body) => ({ ok: true, result: { method, text: JSON.parse(body.toString()).text } }), way);
    expect(await api.sendMessage(1, "xin chào")).toEqual({ method: "sendMessage", text: "xin chào" });
  });

  it("turns Telegram's error answer into a GrammyError with its code", async () => {
    const api = await serve(() => ({ ok: false, error_code: 400, description: "Bad Request: chat not found" }), way);
    const error = await api.sendMessage(1, "x").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GrammyError);
    expect((error as GrammyError).error_code).toBe(400);
  });

  it("uploads a file as multipart form data", async () => {
    const api = await serve(
      (_, body, headers) => ({ ok: true, result: { type: headers["content-type"], body: body.toString() } }),
      way,
    );
    const result = (await api.sendDocument(1, new InputFile(Buffer.from("ngày,hội chợ\n"), "hoi-cho.csv"))) as unknown as {
      type: string;
      body: string;
    };
    expect(result.type).toMatch(/^multipart\/form-data; boundary=/);
    expect(result.body).toContain("filename=hoi-cho.csv");
    expect(result.body).toContain("ngày,hội chợ");
  });

  it("gives up a call the server never answers at the timeout", async () => {
    const api = await serve(() => undefined, way);
    const started = Date.now();
    await expect(api.getMe()).rejects.toBeInstanceOf(HttpError);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("closes at shutdown within seconds even with a call hanging", async () => {
    const http = createBotApiHttp();
    server = http_.createServer(() => undefined); // never answers
    await new Promise<void>((r) => server!.listen(0, "127.0.0.1", r));
    const apiRoot = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const api = way === "fetch" ? new Api(TOKEN, { apiRoot, fetch: http.fetch }) : http.api(TOKEN, apiRoot);
    const hanging = api.getMe().catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 100));
    const started = Date.now();
    await http.close();
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(await hanging).toBeInstanceOf(HttpError);
  });

  it("reports a server that cannot be reached as an HttpError", async () => {
    const api = await serve(() => ({ ok: true, result: true }), way);
    await new Promise((r) => server!.close(r));
    await expect(api.getMe()).rejects.toBeInstanceOf(HttpError);
  });

  it("reports a proxy's error page (not JSON) as an HttpError", async () => {
    const api = await serve(() => "<html><body>502 Bad Gateway</body></html>", way);
    await expect(api.sendMessage(1, "x")).rejects.toBeInstanceOf(HttpError);
  });

  it("stops a call when its caller aborts it, long before the deadline", async () => {
    const api = await serve(() => undefined, way);
    const stop = new AbortController();
    setTimeout(() => stop.abort(), 100);
    const started = Date.now();
    await expect(api.getUpdates({ timeout: 30 }, stop.signal as never)).rejects.toBeInstanceOf(HttpError);
    expect(Date.now() - started).toBeLessThan(900);
  });
});

describe("the Bot API HTTP client's own JSON calls", () => {
  it("lets a long poll take its timeout, beyond the deadline of other calls", async () => {
    const api = await serve((method) => (method === "getUpdates" ? undefined : { ok: true, result: true }), "direct");
    server!.removeAllListeners("request");
    server!.on("request", (_req: http_.IncomingMessage, res: http_.ServerResponse) => {
      setTimeout(() => res.writeHead(200, { "content-type": "application/json" }).end('{"ok":true,"result":[]}'), 1500);
    });
    expect(await api.getUpdates({ timeout: 2 })).toEqual([]);
  });

  it("sends JSON without the nulls a payload holds, as grammY's client does", async () => {
    const api = await serve(() => ({ ok: true, result: true }), "direct");
    await api.raw.sendMessage({ chat_id: 1, text: "xin chào", reply_markup: null as never });
    await api.sendMessage(2, "你好", { reply_markup: { inline_keyboard: [[{ text: "Đăng ký", callback_data: "r:1" }]] } });
    expect(received.map((r) => [r.type, JSON.parse(r.body)])).toEqual([
      ["application/json", { chat_id: 1, text: "xin chào" }],
      [
        "application/json",
        { chat_id: 2, text: "你好", reply_markup: { inline_keyboard: [[{ text: "Đăng ký", callback_data: "r:1" }]] } },
      ],
    ]);
  });
});
