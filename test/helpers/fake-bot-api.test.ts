import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type FakeBotApi, startFakeBotApi } from "./fake-bot-api.js";

let api: FakeBotApi;

beforeEach(async () => {
  api = await startFakeBotApi();
});
afterEach(async () => api.close());

const send = async (chat_id: number, text = "hi") => {
  const res = await fetch(`${api.apiRoot}/bot${api.token}/sendMessage`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ chat_id, text }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

describe("the test server's refusals, as Telegram's", () => {
  it("answers 403 for users who blocked the bot and 400 for chats that do not exist", async () => {
    api.block(7);
    api.loseChats(8);
    expect(await send(7)).toMatchObject({ status: 403, body: { description: "Forbidden: bot was blocked by the user" } });
    expect(await send(8)).toMatchObject({ status: 400, body: { description: "Bad Request: chat not found" } });
    expect((await send(9)).status).toBe(200);
    expect([...api.deliveriesByChat()]).toEqual([[9, 1]]);
  });

  it("enforces limits overall and per chat with 429 and retry_after", async () => {
    api.enforceLimits({ perSecond: 3, perChatPerSecond: 1 });
    expect((await send(1)).status).toBe(200);
    expect(await send(1)).toMatchObject({ status: 429, body: { parameters: { retry_after: 1 } } });
    expect((await send(2)).status).toBe(200);
    expect((await send(3)).status).toBe(200);
    expect((await send(4)).status).toBe(429);
    expect(api.rateLimited).toBe(2);
    expect(api.delivered).toHaveLength(3);
  });

  it("drops connections before handling (nothing delivered) or after (delivered, answer lost)", async () => {
    api.dropConnections("sendMessage", 1, "before");
    api.dropConnections("sendMessage", 1, "after");
    await expect(send(1)).rejects.toThrow();
    await expect(send(2)).rejects.toThrow();
    expect((await send(3)).status).toBe(200);
    expect(api.delivered.map((c) => c.payload.chat_id)).toEqual([2, 3]);
  });
});
