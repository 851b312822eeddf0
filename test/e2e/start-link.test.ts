import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Locale } from "../../src/domain/locale.js";
import { startTestBot, type TestBot } from "../helpers/app.js";
import { buttonData, Chat, says, textOf } from "../helpers/chat.js";
import type { UploadedFile } from "../helpers/fake-bot-api.js";

const STAFF = { id: 8_800_001, first_name: "Hà", language_code: "vi" };
let bot: TestBot;
let nextId = 8_800_100;
const chat = (language_code: Locale) => new Chat(bot.api, { id: nextId++, first_name: "Minh", language_code });

beforeAll(async () => {
  bot = await startTestBot({ ADMIN_IDS: String(STAFF.id) });
});
afterAll(async () => bot.stop());

describe("a fair's link into the bot (t.me/<bot>?start=fair-<id>)", () => {
  it("opens the fair's card with its Register button", async () => {
    const c = chat("en");
    const card = await c.say("/start fair-vn-cn-langson-2026", "Registration deadline:");
    expect(textOf(card)).toContain("Lang Son 2026");
    expect(buttonData(card)).toContain("reg:vn-cn-langson-2026");
    expect(buttonData(card)).not.toContain("qr:vn-cn-langson-2026");
  });

  it("works in the reader's language for /start typed by hand", async () => {
    const c = chat("zh");
    const card = await c.say("/start   fair-vn-cn-laocai-2026", "报名截止");
    expect(textOf(card)).toContain("老街");
  });

  it("for an unknown fair says so, then greets with the main menu", async () => {
    const c = chat("vi");
    await c.say("/start fair-no-such-fair", says("vi", "site.unknown_fair"));
    await bot.api.waitFor((call) => String(call.payload.chat_id) === String(c.user.id) && textOf(call).includes("Xin chào Minh"));
  });

  it("gives staff a button on the card that sends the fair's QR code as a PNG for posters", async () => {
    const staff = new Chat(bot.api, STAFF);
    await staff.say("/start", "Xin chào");
    const card = await staff.say("/start fair-vn-cn-langson-2026", "Hạn đăng ký");
    expect(buttonData(card)).toContain("qr:vn-cn-langson-2026");
    const sent = await staff.press("qr:vn-cn-langson-2026", says("vi", "site.poster_caption"));
    expect(sent.method).toBe("sendDocument");
    const file = sent.payload.document as UploadedFile;
    expect(file.fileName).toBe("qr-vn-cn-langson-2026.png");
    expect(file.data.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(textOf(sent)).toContain(`https://t.me/${bot.api.botInfo.username}?start=fair-vn-cn-langson-2026`);
  });

  it("refuses the QR button to someone who is not staff", async () => {
    const c = chat("en");
    await c.say("/start", "Hello");
    await c.alert("qr:vn-cn-langson-2026", says("en", "review.not_allowed"));
  });
});
