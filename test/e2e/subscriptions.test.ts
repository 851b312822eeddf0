import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Locale } from "../../src/domain/locale.js";
import { findUser } from "../../src/modules/people/people.service.js";
import { listSubscriptions } from "../../src/modules/reminders/subscriptions.repository.js";
import { buttonsOf, startTestBot, type TestBot } from "../helpers/app.js";
import { Chat, says, textOf } from "../helpers/chat.js";

let bot: TestBot;
let nextId = 7000;
const chat = (language_code: Locale) => new Chat(bot.api, { id: nextId++, first_name: "Mai", language_code });
const following = async (c: Chat) => (await listSubscriptions(bot.app.db, c.user.id)).map((s) => `${s.topic}:${s.value}`);
const labels = (call: { payload: Record<string, unknown> }) => buttonsOf(call.payload).map((b) => b.text);

beforeAll(async () => {
  bot = await startTestBot();
});
afterAll(async () => bot.stop());

describe("/subscribe", () => {
  it("follows all fairs, a sector and a province by buttons, each a toggle, and sums it up at Done", async () => {
    const c = chat("en");
    const menu = await c.say("/subscribe", says("en", "subscribe.title"));
    expect(buttonsOf(menu.payload).map((b) => b.data)).toEqual(["sub:all", "sub:v:f", "sub:v:s", "sub:v:p", "sub:done"]);
    expect(labels(await c.toggle("sub:all"))).toContain("✅ All fairs");

    const sectors = await c.press("sub:v:s", says("en", "subscribe.choose_sectors"));
    expect(labels(sectors)).toContain("Processed food");
    expect(labels(await c.toggle("sub:s:food"))).toContain("✅ Processed food");
    const back = await c.press("sub:v:m", says("en", "subscribe.title"));
    expect(labels(back)).toContain("🏭 Sectors (1)");

    await c.press("sub:v:p", says("en", "subscribe.choose_provinces"));
    expect(labels(await c.toggle("sub:p:lang-son"))).toContain("✅ Lạng Sơn");
    const done = textOf(await c.press("sub:done", "You follow"));
    expect(done).toContain("all fairs, sector Processed food, province Lạng Sơn");
    expect(await following(c)).toEqual(["all:", "sector:food", "province:Lạng Sơn"]);
  });

  it("pressing a chosen item again stops following it", async () => {
    const c = chat("vi");
    await c.say("/subscribe", says("vi", "subscribe.title"));
    await c.press("sub:v:f", says("vi", "subscribe.choose_fairs"));
    expect(labels(await c.toggle("sub:f:vn-cn-laocai-2026")).filter((l) => l.startsWith("✅"))).toHaveLength(1);
    expect(await following(c)).toEqual(["fair:vn-cn-laocai-2026"]);
    expect(labels(await c.toggle("sub:f:vn-cn-laocai-2026")).filter((l) => l.startsWith("✅"))).toEqual([]);
    expect(await following(c)).toEqual([]);
  });

  it("lists only fairs not yet over, and keeps every button's data under 64 bytes", async () => {
    const c = chat("zh");
    await c.say("/subscribe", says("zh", "subscribe.title"));
    for (const view of ["sub:v:f", "sub:v:s", "sub:v:p"]) {
      const call = await c.press(view, "<b>");
      for (const button of buttonsOf(call.payload)) expect(Buffer.byteLength(button.data)).toBeLessThan(64);
      if (view === "sub:v:f") expect(buttonsOf(call.payload).map((b) => b.data)).not.toContain("sub:f:vn-cn-langson-2024");
    }
  });

  it("a forged button for something that does not exist changes nothing", async () => {
    const c = chat("en");
    await c.say("/subscribe", says("en", "subscribe.title"));
    const since = bot.api.calls.length;
    bot.api.pressButton(c.user, "sub:s:no-such-sector");
    const answer = await bot.api.waitFor((call) => call.method === "answerCallbackQuery", { since });
    expect(String(answer.payload.text)).toContain("not found");
    expect(await following(c)).toEqual([]);
  });
});

describe("/unsubscribe", () => {
  it("shows what the user follows; a button stops one, another stops everything", async () => {
    const c = chat("en");
    await c.say("/subscribe", says("en", "subscribe.title"));
    await c.toggle("sub:all");
    await c.press("sub:v:s", says("en", "subscribe.choose_sectors"));
    await c.toggle("sub:s:logistics");
    const list = await c.say("/unsubscribe", says("en", "subscribe.unsubscribe_title"));
    expect(labels(list)).toEqual(["❌ all fairs", "❌ sector Logistics", "🔕 Stop all reminders"]);
    const [all] = await listSubscriptions(bot.app.db, c.user.id);
    const after = await c.press(`uns:${all!.id}`, says("en", "subscribe.unsubscribe_title"));
    expect(labels(after)).toEqual(["❌ sector Logistics", "🔕 Stop all reminders"]);
    await c.press("uns:all", says("en", "subscribe.removed_all"));
    expect(await following(c)).toEqual([]);
    await c.say("/unsubscribe", says("en", "subscribe.following_nothing"));
  });

  it("cannot remove someone else's subscription by forging the button", async () => {
    const owner = chat("en");
    await owner.say("/subscribe", says("en", "subscribe.title"));
    await owner.toggle("sub:all");
    const [row] = await listSubscriptions(bot.app.db, owner.user.id);
    const other = chat("en");
    await other.say("/unsubscribe", says("en", "subscribe.following_nothing"));
    await other.press(`uns:${row!.id}`, says("en", "subscribe.following_nothing"));
    expect(await following(owner)).toEqual(["all:"]);
  });
});

describe("/settings", () => {
  it("shows language, quiet hours in Vietnam time by default and what is followed", async () => {
    const c = chat("vi");
    const text = textOf(await c.say("/settings", says("vi", "subscribe.settings_title")));
    expect(text).toContain("Tiếng Việt");
    expect(text).toContain("21:00–07:30, giờ Việt Nam (UTC+7)");
    expect(text).toContain(says("vi", "subscribe.following_nothing"));
  });

  it("uses Beijing time for a Chinese reader, and a button switches it, kept in the database", async () => {
    const c = chat("zh");
    const settings = await c.say("/settings", says("zh", "subscribe.settings_title"));
    expect(textOf(settings)).toContain("北京时间（UTC+8）");
    expect(buttonsOf(settings.payload).map((b) => b.data)).toContain("set:tz:vn");
    const switched = await c.press("set:tz:vn", "越南时间（UTC+7）");
    expect(buttonsOf(switched.payload).map((b) => b.data)).toContain("set:tz:cn");
    expect((await findUser(bot.app.db, c.user.id))?.timezone).toBe("Asia/Ho_Chi_Minh");
  });

  it("shows the zone just chosen the next time /settings is asked, without waiting for the clock", async () => {
    const c = chat("zh");
    await c.say("/settings", says("zh", "subscribe.settings_title"));
    await c.press("set:tz:vn", "越南时间（UTC+7）");
    const again = await c.say("/settings", says("zh", "subscribe.settings_title"));
    expect(textOf(again)).toContain("越南时间（UTC+7）");
    expect(buttonsOf(again.payload).map((b) => b.data)).toContain("set:tz:cn");
  });

  it("leads to the subscribe menu and to stopping reminders", async () => {
    const c = chat("en");
    await c.say("/subscribe", says("en", "subscribe.title"));
    await c.toggle("sub:all");
    const settings = await c.say("/settings", says("en", "subscribe.settings_title"));
    expect(buttonsOf(settings.payload).map((b) => b.data)).toEqual(["sub:v:m", "set:tz:cn", "menu:language", "uns:list"]);
    await c.press("uns:list", says("en", "subscribe.unsubscribe_title"));
  });
});

describe("the command menu", () => {
  it("offers /subscribe, /unsubscribe and /settings in each language", async () => {
    const menu = bot.api.calls
      .filter((call) => call.method === "setMyCommands" && (call.payload.language_code as string | undefined) === "vi")
      .at(-1);
    const commands = ((menu?.payload.commands ?? []) as Array<{ command: string; description: string }>).map((c) => c.command);
    expect(commands).toEqual(expect.arrayContaining(["subscribe", "unsubscribe", "settings"]));
  });
});
