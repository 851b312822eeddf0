import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Locale } from "../../src/domain/locale.js";
import { startTestBot, type TestBot } from "../helpers/app.js";
import { buttonData, Chat, says } from "../helpers/chat.js";
import type { UploadedFile } from "../helpers/fake-bot-api.js";
import { childrenOf, instantOf, parseIcs, prop } from "../helpers/ics.js";

let bot: TestBot;
let nextId = 8000;
const chat = (language_code: Locale) => new Chat(bot.api, { id: nextId++, first_name: "Hai", language_code });

beforeAll(async () => {
  bot = await startTestBot();
});
afterAll(async () => bot.stop());

/** Presses "Add to calendar" and reads the file that comes back. */
async function calendarFile(c: Chat, locale: Locale, fairId: string) {
  const sent = await c.press(`cal:${fairId}`, says(locale, "calendar.caption"));
  expect(sent.method).toBe("sendDocument");
  const file = sent.payload.document as UploadedFile;
  const calendar = parseIcs(file.data.toString("utf8"));
  const [fair, deadline] = childrenOf(calendar, "VEVENT");
  return { file, calendar, fair: fair!, deadline: deadline!, caption: String(sent.payload.caption) };
}

describe("Add to calendar", () => {
  it("is on every fair card, open or closed", async () => {
    const c = chat("en");
    await c.say("/start", "Hello");
    expect(buttonData(await c.press("fair:vn-cn-langson-2026", "Lang Son 2026"))).toContain("cal:vn-cn-langson-2026");
    expect(buttonData(await c.press("fair:honghe-hekou-2026", "Honghe"))).toContain("cal:honghe-hekou-2026");
  });

  it("sends an .ics file that parses, with the fair's days and its deadline at the right instant", async () => {
    const c = chat("en");
    await c.say("/start", "Hello");
    const { file, calendar, fair, deadline, caption } = await calendarFile(c, "en", "vn-cn-langson-2026");
    expect(file.fileName).toBe("vn-cn-langson-2026.ics");
    expect(caption).toContain("Lang Son 2026");
    expect(prop(fair, "SUMMARY")?.value).toBe("Vietnam - China International Trade and Tourism Fair (Lang Son 2026)");
    expect(instantOf(calendar, prop(fair, "DTSTART")!)).toBe("2026-12-08");
    expect(instantOf(calendar, prop(fair, "DTEND")!)).toBe("2026-12-13");
    expect(prop(fair, "LOCATION")?.value).toBe("Lang Son City central square, Lang Son City");
    expect(prop(fair, "DESCRIPTION")?.value).toContain("30 Nov 2026 23:59 (Vietnam time) · 1 Dec 2026 00:59 (Beijing time)");
    expect(prop(deadline, "DTSTART")?.params.TZID).toBe("Asia/Ho_Chi_Minh");
    expect(instantOf(calendar, prop(deadline, "DTSTART")!)).toBe("2026-11-30T16:59:00.000Z");
  });

  it("is in the reader's language and, for a Chinese reader, in Beijing time", async () => {
    const c = chat("zh");
    await c.say("/start", "您好");
    const { calendar, fair, deadline } = await calendarFile(c, "zh", "vn-cn-laocai-2026");
    expect(prop(fair, "SUMMARY")?.value).toContain("老街");
    expect(prop(deadline, "SUMMARY")?.value).toContain("报名截止");
    expect(prop(deadline, "DTSTART")).toEqual({ params: { TZID: "Asia/Shanghai" }, value: "20261206T005900" });
    expect(instantOf(calendar, prop(deadline, "DTSTART")!)).toBe("2026-12-05T16:59:00.000Z");
  });
});
