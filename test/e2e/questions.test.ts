import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestBot, type TestBot } from "../helpers/app.js";

interface Question {
  lang: "vi" | "zh" | "en";
  text: string;
  intent: string;
  must_contain: string[];
  must_not_contain: string[];
}

const fixture = JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, "../fixtures/questions.json"), "utf8")) as {
  questions: Question[];
};

describe("free-text questions from the fixture, over HTTP", () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot();
  });
  afterAll(async () => bot.stop());

  fixture.questions.forEach((q, i) => {
    it(`answers "${q.text}" (${q.lang}, ${q.intent}) with the right facts`, async () => {
      const answer = await bot.ask({ id: 5000 + i, first_name: "Test", language_code: q.lang }, q.text);
      for (const fact of q.must_contain) expect(answer).toContain(fact);
      for (const wrong of q.must_not_contain) expect(answer).not.toContain(wrong);
    });
  });
});

describe("questions in people's own words, over HTTP", () => {
  let bot: TestBot;
  let nextId = 6000;
  const user = (language_code: "vi" | "zh" | "en") => ({ id: nextId++, first_name: "Lan", language_code });
  beforeAll(async () => {
    bot = await startTestBot();
  });
  afterAll(async () => bot.stop());

  /** The last message the bot sent the user, with its buttons' data. */
  async function answerTo(u: { id: number }, text: string) {
    const reply = await bot.ask(u as never, text);
    const last = bot.api.messagesTo(u.id).at(-1)!;
    const keyboard = (last.payload.reply_markup as { inline_keyboard?: Array<Array<{ callback_data?: string }>> })
      ?.inline_keyboard;
    return { text: reply, buttons: (keyboard ?? []).flat().map((b) => b.callback_data) };
  }

  it("a wish to register at a named fair gets that fair's Register button, which opens the sign-up there", async () => {
    const u = user("vi");
    const answer = await answerTo(u, "mình muốn đăng kí gian hàng hội chợ lào cai ạ");
    expect(answer.text).toContain("Lào Cai 2026");
    expect(answer.buttons).toEqual(["reg:vn-cn-laocai-2026"]);
    expect((await bot.press(u as never, "reg:vn-cn-laocai-2026")).text).toContain("Đăng ký tham gia Hội chợ");
  });

  it("a greeting is greeted, in the question's language, with the menu", async () => {
    const answer = await answerTo(user("en"), "你好");
    expect(answer.text).toContain("您好");
    expect(answer.buttons).toContain("menu:register");
  });

  it("a question the data cannot answer says so and lists the trade-promotion offices, never one arbitrary office", async () => {
    const answer = await answerTo(user("vi"), "tỷ giá nhân dân tệ hôm nay bao nhiêu ạ");
    expect(answer.text).toContain("Tôi không có thông tin tỷ giá");
    // The offices named below, every province's, not a card of one of them.
    expect(answer.text).toContain("Sở Công Thương tỉnh Lạng Sơn");
    expect(answer.text).toContain("Sở Công Thương tỉnh Lào Cai");
  });

  it("a town named in an out-of-scope question points to its province's office", async () => {
    const answer = await answerTo(user("vi"), "tỷ giá hôm nay ở móng cái");
    expect(answer.text).toContain("Tôi không có thông tin tỷ giá");
    expect(answer.text).toContain("Quảng Ninh");
    expect(answer.text).not.toContain("Lạng Sơn");
  });

  it("with a province named, the office to ask is that province's; a tariff question goes to the customs office", async () => {
    const rate = await answerTo(user("vi"), "tỷ giá ở lạng sơn hôm nay");
    expect(rate.text).toContain("Sở Công Thương tỉnh Lạng Sơn");
    const tariff = await answerTo(user("en"), "what is the import tariff on durian");
    expect(tariff.text).toContain("I have no customs tariffs");
    expect(tariff.text).toContain("Economic Zone");
  });

  it("a province's gates, in traditional characters too", async () => {
    const answer = await answerTo(user("zh"), "諒山有哪些口岸");
    expect(answer.text).toContain("口岸 — 谅山");
    expect(answer.text).toContain("友谊关");
    expect(answer.text).not.toContain("芒街");
  });

  it("the events of a month", async () => {
    const answer = await answerTo(user("en"), "any events in march 2027?");
    expect(answer.text).toContain("March 2027");
    expect(answer.text).toContain("Nanning");
    expect(answer.text).not.toContain("Lao Cai");
  });
});
