import type { MessageEntity } from "grammy/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestBot, TEST_NOW, type TestBot, tickingClock } from "../helpers/app.js";
import { type buttonData, Chat, says, textOf } from "../helpers/chat.js";
import { seedUsers } from "../helpers/users.js";

const ADMIN = { id: 900, first_name: "Hoa", language_code: "en" };
let bot: TestBot;
let admin: Chat;
let users: number[];

beforeAll(async () => {
  bot = await startTestBot(
    { ADMIN_IDS: String(ADMIN.id), OUTBOX_RATE: "200", OUTBOX_PROGRESS_SECONDS: "0.3" },
    { clock: tickingClock(TEST_NOW) },
  );
  users = await seedUsers(bot.app.db, 70_000, 30); // languages cycle vi, zh, en
  admin = new Chat(bot.api, ADMIN);
});
afterAll(async () => bot.stop());

const outboxRows = async () => (await bot.app.db.selectFrom("outbox").select("id").execute()).length;
const bold = (text: string): MessageEntity[] => [{ type: "bold", offset: 0, length: text.indexOf(" ") }];

describe("/broadcast", () => {
  it("composes with a Chinese version, previews it as recipients see it, and delivers each user their version", async () => {
    const text = "Important: the Lao Cai fair moves to 12 December.";
    await admin.say("/broadcast", says("en", "broadcast.compose.ask_message"));
    await admin.expect(
      () => bot.api.sendMessageFrom(ADMIN, { text, entities: bold(text) }),
      says("en", "broadcast.compose.versions"),
    );
    await admin.press("su:bc:v:zh", "Send the 中文 version");
    const zh = "重要：老街展会改期至12月12日。";
    const versions = await admin.expect(
      () => bot.api.sendMessageFrom(ADMIN, { text: zh }),
      says("en", "broadcast.compose.versions"),
    );
    expect(buttonsOf(versions).find((b) => b.includes("中文"))).toContain("✅");
    await admin.press("su:bc:v:next", says("en", "broadcast.compose.ask_audience"));

    const since = bot.api.calls.length;
    await admin.press("su:bc:a:all", says("en", "broadcast.compose.ask_time"));
    const shown = bot.api.calls.slice(since).filter((c) => c.payload.chat_id === ADMIN.id && c.method === "sendMessage");
    const previewOf = (version: string) => shown[shown.findIndex((c) => textOf(c).includes(`${version} version`)) + 1]!;
    expect(textOf(shown.find((c) => textOf(c).includes("default version"))!)).toContain("for 21 recipient(s)");
    expect(previewOf("default").payload).toMatchObject({ text, entities: bold(text) });
    expect(previewOf("中文").payload).toMatchObject({ text: zh });

    const summary = textOf(await admin.press("su:bc:t:now", says("en", "broadcast.compose.summary")));
    expect(summary).toContain("To: all active users");
    expect(summary).toContain(`Recipients: ${users.length + 1}`);
    expect(summary).toContain("Versions: default, 中文");

    const before = await outboxRows();
    await admin.press("su:bc:ok", says("en", "broadcast.compose.queued_hint"));
    expect(await outboxRows()).toBe(before + users.length + 1);
    const report = await bot.api.waitFor(
      (c) => c.method === "sendMessage" && c.payload.chat_id === ADMIN.id && /— finished in/.test(textOf(c)),
      { timeoutMs: 10_000 },
    );
    expect(textOf(report)).toContain(`Delivered: ${users.length + 1} of ${users.length + 1}`);
    const got = (id: number) =>
      bot.api.delivered.filter((c) => c.payload.chat_id === id && (c.payload.text === text || c.payload.text === zh));
    for (const [i, id] of users.entries()) {
      expect(got(id), `user ${id}`).toHaveLength(1);
      expect(got(id)[0]!.payload.text).toBe(i % 3 === 1 ? zh : text);
    }
    // The status message was the one sent at confirmation, edited as the broadcast went on.
    const queuing = bot.api.calls.find(
      (c) => c.method === "sendMessage" && textOf(c) === says("en", "broadcast.compose.queuing"),
    )!;
    const edits = bot.api.calls.filter(
      (c) => c.method === "editMessageText" && c.payload.chat_id === ADMIN.id && /Broadcast #\d+/.test(textOf(c)),
    );
    expect(edits.length).toBeGreaterThan(0);
    expect(new Set(edits.map((c) => c.payload.message_id)).size).toBe(1);
    expect(bot.api.calls.indexOf(queuing)).toBeLessThan(bot.api.calls.indexOf(edits[0]!));
  });

  it("refuses a caption over Telegram's 1024 characters with the reason, and queues nothing", async () => {
    const before = await outboxRows();
    await admin.say("/broadcast", says("en", "broadcast.compose.ask_message"));
    const photo = [{ file_id: "photo-big", file_unique_id: "pb", width: 800, height: 600 }];
    const refusal = await admin.expect(() => bot.api.sendMessageFrom(ADMIN, { photo, caption: "x".repeat(1025) }), "too long");
    expect(textOf(refusal)).toContain("its caption has 1025 characters, at most 1024 are allowed");
    await admin.expect(
      () => bot.api.sendMessageFrom(ADMIN, { photo, caption: "Fair poster" }),
      says("en", "broadcast.compose.versions"),
    );
    await admin.say("/cancel", says("en", "broadcast.compose.cancelled"));
    expect(await outboxRows()).toBe(before);
  });

  it("targets registrants of a fair by status and schedules for later", async () => {
    await bot.app.db
      .insertInto("registrations")
      .values(
        [0, 1, 2].map((i) => ({
          reference: `LC26-9${i}`,
          fair_id: "vn-cn-laocai-2026",
          user_id: users[i]!,
          company: `Co ${i}`,
          country: "VN" as const,
          tax_id: `010023348${i}`,
          sectors: "[]",
          booths: 1,
          contact_person: "A",
          phone: "+84900000000",
          email: "a@example.com",
          status: i === 2 ? ("pending" as const) : ("approved" as const),
        })),
      )
      .execute();
    await admin.say("/broadcast", says("en", "broadcast.compose.ask_message"));
    await admin.expect(
      () => bot.api.sendMessageFrom(ADMIN, { text: "Your booth is confirmed." }),
      says("en", "broadcast.compose.versions"),
    );
    await admin.press("su:bc:v:next", says("en", "broadcast.compose.ask_audience"));
    await admin.press("su:bc:a:fair", says("en", "broadcast.compose.ask_fair"));
    const statuses = await admin.press("su:bc:f:vn-cn-laocai-2026", says("en", "broadcast.compose.ask_statuses"));
    expect(buttonsOf(statuses).find((b) => b.includes("approved"))).toContain("✅");
    await admin.press("su:bc:st:done", says("en", "broadcast.compose.ask_time"));
    await admin.press("su:bc:t:later", "Send the date and time");
    await admin.say("yesterday", "could not read that");
    await admin.say("01/01/2026 08:00", "already passed");
    const summary = textOf(await admin.say("25/12/2026 08:00", says("en", "broadcast.compose.summary")));
    expect(summary).toContain("To: registrants of Vietnam - China International Trade Fair (Lao Cai 2026) (approved)");
    expect(summary).toContain("Recipients: 2");
    expect(summary).toContain("When: 25 Dec 2026 08:00");
    const status = await admin.press("su:bc:ok", /Broadcast #\d+<\/b> — scheduled for 25 Dec 2026 08:00/);
    const id = Number(/#(\d+)/.exec(textOf(status))![1]);
    const rows = await bot.app.db
      .selectFrom("outbox")
      .select(["chat_id", "not_before", "state"])
      .where("broadcast_id", "=", id)
      .execute();
    expect(rows.map((r) => r.chat_id).sort()).toEqual([users[0], users[1]]);
    expect(rows.every((r) => r.state === "queued" && r.not_before === "2026-12-25T01:00:00.000Z")).toBe(true);
  });

  it("targets the followers of a fair", async () => {
    await bot.app.db
      .insertInto("subscriptions")
      .values([
        { user_id: users[3]!, topic: "fair", value: "vn-cn-mongcai-2027", created_at: TEST_NOW },
        { user_id: users[4]!, topic: "all", value: "", created_at: TEST_NOW },
      ])
      .execute();
    await admin.say("/broadcast", says("en", "broadcast.compose.ask_message"));
    await admin.expect(
      () => bot.api.sendMessageFrom(ADMIN, { text: "Mong Cai fair: new dates" }),
      says("en", "broadcast.compose.versions"),
    );
    await admin.press("su:bc:v:next", says("en", "broadcast.compose.ask_audience"));
    await admin.press("su:bc:a:subscribers", says("en", "broadcast.compose.ask_subscribers"));
    await admin.press("su:bc:f:vn-cn-mongcai-2027", says("en", "broadcast.compose.ask_time"));
    const summary = textOf(await admin.press("su:bc:t:now", says("en", "broadcast.compose.summary")));
    expect(summary).toContain("To: users following");
    expect(summary).toContain("Recipients: 2");
    await admin.say("/cancel", says("en", "broadcast.compose.cancelled"));
  });

  it("does nothing for a confirm button pressed outside a composition, forged or stale", async () => {
    const before = await outboxRows();
    const intruder = new Chat(bot.api, { id: 71_000, first_name: "Eve", language_code: "en" });
    await intruder.say("/start", "Hello");
    for (const who of [intruder.user, ADMIN]) {
      const since = bot.api.calls.length;
      bot.api.pressButton(who, "su:bc:ok");
      await bot.api.waitFor((c) => c.method === "answerCallbackQuery", { since });
    }
    expect(await outboxRows()).toBe(before);
    expect(await bot.app.db.selectFrom("broadcasts").select("id").where("created_by", "=", 71_000).execute()).toEqual([]);
  });

  it("sends nothing when the author stopped being staff while composing", async () => {
    const colleague = new Chat(bot.api, { id: 72_000, first_name: "Tuan", language_code: "en" });
    await colleague.say("/start", "Hello");
    await admin.say(`/staff add ${colleague.user.id}`, "is now staff");
    await colleague.say("/broadcast", says("en", "broadcast.compose.ask_message"));
    await colleague.expect(
      () => bot.api.sendMessageFrom(colleague.user, { text: "Not for long" }),
      says("en", "broadcast.compose.versions"),
    );
    await colleague.press("su:bc:v:next", says("en", "broadcast.compose.ask_audience"));
    await colleague.press("su:bc:a:all", says("en", "broadcast.compose.ask_time"));
    await colleague.press("su:bc:t:now", says("en", "broadcast.compose.summary"));
    await admin.say(`/staff remove ${colleague.user.id}`, "no longer staff");
    const before = await outboxRows();
    await colleague.press("su:bc:ok", says("en", "broadcast.compose.not_staff"));
    expect(await outboxRows()).toBe(before);
  });

  it("keeps a composition across a restart", async () => {
    await admin.say("/broadcast", says("en", "broadcast.compose.ask_message"));
    await admin.expect(
      () => bot.api.sendMessageFrom(ADMIN, { text: "Survives restarts" }),
      says("en", "broadcast.compose.versions"),
    );
    await bot.restart();
    await admin.press("su:bc:v:next", says("en", "broadcast.compose.ask_audience"));
    await admin.press("su:bc:a:language", says("en", "broadcast.compose.ask_language"));
    await admin.press("su:bc:l:zh", says("en", "broadcast.compose.ask_time"));
    expect(textOf(await admin.press("su:bc:t:now", says("en", "broadcast.compose.summary")))).toContain("users who read 中文");
    await admin.say("/cancel", says("en", "broadcast.compose.cancelled"));
  });
});

function buttonsOf(call: Parameters<typeof buttonData>[0]): string[] {
  const markup = call.payload.reply_markup as { inline_keyboard?: Array<Array<{ text: string }>> } | undefined;
  return (markup?.inline_keyboard ?? []).flat().map((b) => b.text);
}
