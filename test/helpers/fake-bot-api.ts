import type { Message, Update, User } from "grammy/types";
import { type ApiCall, BotApiServer, type FakeResponse, type SandboxUser } from "../../src/sandbox/bot-api-server.js";

// The tests talk to the sandbox's own Bot API server, under the names they have always used.
export type {
  ApiCall,
  FakeResponse,
  MethodHandler,
  SandboxUser as FakeUser,
  UploadedFile,
  WaitOptions,
} from "../../src/sandbox/bot-api-server.js";

/** Telegram's limits as the server enforces them when asked: requests per second overall and per chat. */
export type RateLimits = { perSecond: number; perChatPerSecond: number };
/** `before`: the connection drops before the request is handled (nothing delivered). `after`: it is handled, then the answer is lost. */
export type DropMode = "before" | "after";

/** Methods that put a new message in a chat: what users receive. */
const SEND_METHODS = new Set(["sendMessage", "sendDocument", "sendPhoto", "copyMessage"]);
/** Methods Telegram's flood control counts. */
const LIMITED_METHODS = new Set([...SEND_METHODS, "editMessageText"]);

/** The body of a 429 as Telegram sends it. */
export function tooManyRequests(retryAfter: number): object {
  return {
    ok: false,
    error_code: 429,
    description: `Too Many Requests: retry after ${retryAfter}`,
    parameters: { retry_after: retryAfter },
  };
}

const toUser = ({ id, first_name = "Test", username, language_code }: SandboxUser): User => ({
  id,
  is_bot: false,
  first_name,
  ...(username ? { username } : {}),
  ...(language_code ? { language_code } : {}),
});

/**
 * The sandbox's Bot API server with what only tests need: Telegram's refusals on demand (429 under
 * enforced limits, 400 for lost chats, 403 for users who blocked the bot long ago, dropped
 * connections) and a record of what reached each chat.
 */
export class FakeBotApi extends BotApiServer {
  /** Successful sendMessage/sendPhoto/sendDocument/copyMessage calls, in order: what reached users. */
  readonly delivered: ApiCall[] = [];
  /** Arrival times of the sends and edits the enforced limits let through. */
  readonly accepted: number[] = [];
  /** How many 429s the enforced limits answered (injected failures not counted). */
  rateLimited = 0;
  private limits: RateLimits | undefined;
  private readonly recentSends: number[] = [];
  private readonly lastSendByChat = new Map<string, number>();
  private readonly missingChats = new Set<string>();
  private readonly drops: Array<{ method: string; mode: DropMode; times: number }> = [];

  constructor(options: ConstructorParameters<typeof BotApiServer>[0]) {
    super(options);
    this.intercept({
      before: (call) => this.drop(call.method, "before") ?? this.refusal(call),
      after: (call) => {
        if (SEND_METHODS.has(call.method)) this.delivered.push(call);
        return this.drop(call.method, "after");
      },
    });
  }

  private drop(method: string, mode: DropMode): "drop" | undefined {
    const index = this.drops.findIndex((d) => d.mode === mode && (d.method === method || d.method === "*"));
    if (index === -1 || method === "getUpdates") return undefined;
    if (--this.drops[index]!.times <= 0) this.drops.splice(index, 1);
    return "drop";
  }

  /** A missing chat, or a request over the enforced limits, answered as Telegram does. */
  private refusal({ method, payload, at }: ApiCall): FakeResponse | undefined {
    if (!LIMITED_METHODS.has(method)) return undefined;
    const chat = String(payload.chat_id);
    if (this.missingChats.has(chat))
      return { status: 400, body: { ok: false, error_code: 400, description: "Bad Request: chat not found" } };
    if (!this.limits) return undefined;
    while (this.recentSends.length > 0 && at - this.recentSends[0]! >= 1000) this.recentSends.shift();
    const lastInChat = this.lastSendByChat.get(chat);
    const chatWait = lastInChat === undefined ? 0 : lastInChat + 1000 / this.limits.perChatPerSecond - at;
    const globalWait = this.recentSends.length >= this.limits.perSecond ? this.recentSends[0]! + 1000 - at : 0;
    const wait = Math.max(chatWait, globalWait);
    if (wait > 0) {
      this.rateLimited += 1;
      return { status: 429, body: tooManyRequests(Math.max(1, Math.ceil(wait / 1000))) };
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

  /** Sends to these chats answer 403, as for users who blocked the bot while it was not looking (no my_chat_member update). */
  block(...chatIds: number[]): void {
    for (const id of chatIds) {
      this.chats.chat(id);
      this.chats.setBlocked(id, true);
    }
  }

  /** Sends to these chats succeed again (the user unblocked the bot; send the my_chat_member update yourself). */
  unblock(...chatIds: number[]): void {
    for (const id of chatIds) this.chats.setBlocked(id, false);
  }

  /** Sends to these chats answer 400 "chat not found". */
  loseChats(...chatIds: Array<number | string>): void {
    for (const id of chatIds) this.missingChats.add(String(id));
  }

  /** The next `times` calls of `method` ("*" for any but getUpdates) lose their connection. */
  dropConnections(method: string, times = 1, mode: DropMode = "before"): void {
    this.drops.push({ method, mode, times });
  }

  /** Ends every dropConnections still in force: the network is back. */
  stopDropping(): void {
    this.drops.length = 0;
  }

  /** How many messages reached each chat (successful sends only). */
  deliveriesByChat(): Map<number, number> {
    const counts = new Map<number, number>();
    for (const call of this.delivered)
      counts.set(Number(call.payload.chat_id), (counts.get(Number(call.payload.chat_id)) ?? 0) + 1);
    return counts;
  }

  /** Simulates `from` sending any message (a photo by file id, a forward, text with entities …); `fields` go into it. */
  sendMessageFrom(from: SandboxUser, fields: Partial<Message>): number {
    this.chats.chat(from.id, from);
    const message = this.chats.add(from.id, { from: toUser(from), ...fields }) as Message & Update.NonChannel;
    return this.pushUpdate({ message });
  }
}

/** Starts a Bot API server on 127.0.0.1 with a free port. */
export async function startFakeBotApi(options: { token?: string; botUsername?: string } = {}): Promise<FakeBotApi> {
  const server = new FakeBotApi(options);
  await server.listen(0);
  return server;
}
