import http_ from "node:http";
import type { AddressInfo } from "node:net";
import { Api, GrammyError, HttpError, InputFile } from "grammy";
import { afterEach, describe, expect, it } from "vitest";
import { createBotApiHttp } from "../../../src/platform/telegram/http-client.js";

const TOKEN = "123:abc";
let server: http_.Server | undefined;
const client = createBotApiHttp();

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((r) => server?.close(r) ?? r(undefined));
  server = undefined;
});

/** A Bot API stand-in answering each request with `answer(method, body)`; undefined leaves it hanging. */
async function serve(
  answer: (method: string, body: Buffer, headers: http_.IncomingHttpHeaders) => object | undefined,
): Promise<Api> {
  server = http_.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const reply = answer(req.url!.split("/").pop()!, Buffer.concat(chunks), req.headers);
      if (reply)
        res
          .writeHead("ok" in reply && reply.ok === false ? 400 : 200, { "content-type": "application/json" })
          .end(JSON.stringify(reply));
    });
  });
  await new Promise<void>((r) => server!.listen(0, "127.0.0.1", r));
  return new Api(TOKEN, {
    apiRoot: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    fetch: client.fetch,
    timeoutSeconds: 1,
  });
}

describe("the Bot API HTTP client", () => {
  it("sends a JSON call and returns its result", async () => {
    const api = await serve((method, body) => ({ ok: true, result: { method, text: JSON.parse(body.toString()).text } }));
    expect(await api.sendMessage(1, "xin chào")).toEqual({ method: "sendMessage", text: "xin chào" });
  });

  it("turns Telegram's error answer into a GrammyError with its code", async () => {
    const api = await serve(() => ({ ok: false, error_code: 400, description: "Bad Request: chat not found" }));
    const error = await api.sendMessage(1, "x").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GrammyError);
    expect((error as GrammyError).error_code).toBe(400);
  });

  it("uploads a file as multipart form data", async () => {
    const api = await serve((_, body, headers) => ({
      ok: true,
      result: { type: headers["content-type"], body: body.toString() },
    }));
    const result = (await api.sendDocument(1, new InputFile(Buffer.from("ngày,hội chợ\n"), "hoi-cho.csv"))) as unknown as {
      type: string;
      body: string;
    };
    expect(result.type).toMatch(/^multipart\/form-data; boundary=/);
    expect(result.body).toContain("filename=hoi-cho.csv");
    expect(result.body).toContain("ngày,hội chợ");
  });

  it("gives up a call the server never answers at the timeout", async () => {
    const api = await serve(() => undefined);
    const started = Date.now();
    await expect(api.getMe()).rejects.toBeInstanceOf(HttpError);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("closes at shutdown within seconds even with a call hanging", async () => {
    const http = createBotApiHttp();
    server = http_.createServer(() => undefined); // never answers
    await new Promise<void>((r) => server!.listen(0, "127.0.0.1", r));
    const api = new Api(TOKEN, { apiRoot: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, fetch: http.fetch });
    const hanging = api.getMe().catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 100));
    const started = Date.now();
    await http.close();
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(await hanging).toBeInstanceOf(HttpError);
  });

  it("reports a server that cannot be reached as an HttpError", async () => {
    const api = await serve(() => ({ ok: true, result: true }));
    await new Promise((r) => server!.close(r));
    await expect(api.getMe()).rejects.toBeInstanceOf(HttpError);
  });
});
