/**
 * The load process of `npm run bench:qa` (started by bench/qa.ts, never run by hand): it hosts the
 * fake Bot API servers and the simulated chats, so that the measured bot process does nothing but
 * bot work. Requests and results travel over the IPC channel of `fork`; see bench/qa.ts for what
 * is measured and how to read it.
 */
import fs from "node:fs";
import type http from "node:http";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { LOCALES } from "../src/domain/locale.js";
import { createI18n } from "../src/platform/telegram/i18n.js";
import { type ApiCall, type FakeBotApi, type FakeUser, startFakeBotApi } from "../test/helpers/fake-bot-api.js";
import type { LoadRequest, LoadResponse, LoadResult, ServerInfo } from "./qa-protocol.js";

const CHATS = Number(process.env.QA_CHATS ?? 200);
const FIRST_CHAT_ID = 10001;
const LANGS = ["vi", "zh", "en"] as const;
/** A question without an answer after this long is counted lost, and its chat goes on. */
const LOST_MS = 10_000;

const fixture = JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, "../test/fixtures/questions.json"), "utf8")) as {
  questions: Array<{ text: string }>;
};
const COMMANDS = ["/fairs", "/deadlines", "/gates", "/contacts", "/start"];
// Interleaved so consecutive questions of a chat alternate between free text and commands.
const POOL = fixture.questions.flatMap((q, i) => (i % 2 === 0 ? [q.text, COMMANDS[(i / 2) % COMMANDS.length]!] : [q.text]));
const question = (chat: number, n: number) => POOL[(chat * 7 + n) % POOL.length]!;

// Replies that mean the bot failed or did not understand a command; counted, not expected.
const i18n = createI18n("vi");
const FAILURE_TEXTS = new Set(LOCALES.flatMap((l) => [i18n.t(l, "common.error"), i18n.t(l, "common.unknown_command")]));
const REPLY_METHODS = new Set(["sendMessage", "sendDocument", "sendPhoto", "editMessageText"]);

const users: FakeUser[] = Array.from({ length: CHATS }, (_, i) => ({
  id: FIRST_CHAT_ID + i,
  first_name: `User${i + 1}`,
  language_code: LANGS[i % LANGS.length],
}));

/** A small seeded generator (mulberry32), so every run sends the same schedule. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One fake Bot API with the chats talking to it; pairs each reply with the oldest unanswered question of its chat. */
class Load {
  private readonly waiting: Array<Array<{ at: number; text: string }>> = users.map(() => []);
  private latencies: number[] = [];
  private failures = 0;
  private extra = 0;
  private lost = 0;
  /** Called once per question, when it is answered or counted lost. */
  private onSettled: (chat: number) => void = () => undefined;

  constructor(
    readonly name: string,
    readonly api: FakeBotApi,
    private readonly echo: boolean,
  ) {
    // The fake has no event hook; a predicate that never matches sees every request as it arrives.
    api
      .waitFor(
        (call) => {
          this.observe(call);
          return false;
        },
        { since: 0, timeoutMs: 2 ** 31 - 1 },
      )
      .catch(() => undefined);
  }

  private observe(call: ApiCall) {
    if (!REPLY_METHODS.has(call.method)) return;
    const chat = Number(call.payload.chat_id) - FIRST_CHAT_ID;
    const asked = this.waiting[chat]?.shift();
    if (!asked) return void this.extra++;
    this.latencies.push(call.at - asked.at);
    const text = String(call.payload.text ?? "");
    if (call.method !== "sendMessage" || FAILURE_TEXTS.has(text) || (this.echo && text !== asked.text)) this.failures++;
    // After the fake has answered this request, like a user reading the reply and typing again.
    queueMicrotask(() => this.onSettled(chat));
  }

  private ask(chat: number, text: string) {
    this.waiting[chat]!.push({ at: performance.now(), text });
    this.api.sendText(users[chat]!, text);
  }

  private sweepLost() {
    const before = performance.now() - LOST_MS;
    this.waiting.forEach((queue, chat) => {
      while (queue.length > 0 && queue[0]!.at < before) {
        queue.shift();
        this.lost++;
        this.onSettled(chat);
      }
    });
  }

  /** Runs `drive` (which sends questions) until it calls `done`, then checks that no extra reply came. */
  private async measure(drive: (done: () => void) => void): Promise<LoadResult> {
    this.api.clear();
    this.latencies = [];
    this.failures = 0;
    this.extra = 0;
    this.lost = 0;
    const cpu = process.cpuUsage();
    const start = performance.now();
    const sweeper = setInterval(() => this.sweepLost(), 1000);
    await new Promise<void>((resolve) => drive(resolve));
    clearInterval(sweeper);
    const wallMs = performance.now() - start;
    const cpuUsed = process.cpuUsage(cpu);
    await new Promise((r) => setTimeout(r, 100)); // late extra replies would show up here
    if (this.extra > 0)
      throw new Error(`${this.name}: ${this.extra} replies without a question (one reply per question expected)`);
    return {
      answers: this.latencies.length,
      wallMs,
      latencies: this.latencies.sort((a, b) => a - b),
      failures: this.failures,
      lost: this.lost,
      cpuMs: (cpuUsed.user + cpuUsed.system) / 1000,
    };
  }

  /** Closed loop: every chat asks `rounds` questions, each as soon as the previous one is answered. */
  closed(rounds: number, offset: number): Promise<LoadResult> {
    const asked = users.map(() => 0);
    let finished = 0;
    return this.measure((done) => {
      const next = (chat: number) => {
        if (asked[chat] === rounds) return void (++finished === users.length && done());
        this.ask(chat, question(chat, offset + asked[chat]!++));
      };
      this.onSettled = next;
      users.forEach((_, chat) => next(chat));
    });
  }

  /**
   * Open loop: every chat asks about once a second (gaps uniform in 0.8–1.2 s, first question at a
   * random moment of the first second) for `seconds`, whether or not earlier questions were answered.
   */
  paced(seconds: number, offset: number): Promise<LoadResult> {
    const rnd = random(offset + 1);
    const schedule: Array<{ chat: number; at: number }> = [];
    users.forEach((_, chat) => {
      for (let at = rnd() * 1000; at < seconds * 1000; at += 800 + rnd() * 400) schedule.push({ chat, at });
    });
    schedule.sort((a, b) => a.at - b.at);
    let settled = 0;
    return this.measure((done) => {
      this.onSettled = () => void (++settled === schedule.length && done());
      const start = performance.now();
      const counts = users.map(() => 0);
      let i = 0;
      // One timer walking the sorted schedule: 200 timers a second would cost the load process more.
      const tick = () => {
        const now = performance.now() - start;
        while (i < schedule.length && schedule[i]!.at <= now) {
          const { chat } = schedule[i++]!;
          this.ask(chat, question(chat, offset + counts[chat]!++));
        }
        if (i < schedule.length) setTimeout(tick, Math.max(0, schedule[i]!.at - (performance.now() - start)));
      };
      tick();
    });
  }
}

const loads = new Map<string, Load>();

async function serve(req: LoadRequest): Promise<ServerInfo | LoadResult | null> {
  switch (req.op) {
    case "open": {
      const api = await startFakeBotApi({ token: req.token });
      // Node's default of 5 s closes the sockets of the bot that is idle while the other is measured;
      // its next request may then go out on a socket being closed ("socket hang up").
      (api as unknown as { server: http.Server }).server.keepAliveTimeout = 120_000;
      loads.set(req.server, new Load(req.server, api, req.server.startsWith("echo")));
      return { apiRoot: api.apiRoot, botInfo: api.botInfo };
    }
    case "closed":
      return loadOf(req.server).closed(req.rounds, req.offset);
    case "paced":
      return loadOf(req.server).paced(req.seconds, req.offset);
    case "shutdown":
      await Promise.all([...loads.values()].map((l) => l.api.close()));
      return null;
  }
}

function loadOf(server: string): Load {
  const load = loads.get(server);
  if (!load) throw new Error(`no server named ${server}`);
  return load;
}

const reply = (response: LoadResponse, last: boolean) => process.send?.(response, () => last && process.disconnect());

process.on("message", (req: LoadRequest) => {
  serve(req).then(
    (result) => reply({ id: req.id, ok: true, result }, req.op === "shutdown"),
    (err: unknown) =>
      reply({ id: req.id, ok: false, error: err instanceof Error ? (err.stack ?? err.message) : String(err) }, false),
  );
});
