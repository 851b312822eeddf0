import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findUser } from "../../src/modules/people/people.service.js";
import { buttonsOf, startTestBot, type TestBot } from "../helpers/app.js";

let bot: TestBot;
let nextId = 1000;
const user = (language_code: string, first_name = "Lan") => ({ id: nextId++, first_name, language_code });

beforeAll(async () => {
  bot = await startTestBot();
});
afterAll(async () => bot.stop());

async function replyWithButtons(from: ReturnType<typeof user>, text: string) {
  const since = bot.api.calls.length;
  bot.api.sendText(from, text);
  const reply = await bot.api.nextReply(from.id, { since });
  return { text: String(reply.payload.text), buttons: buttonsOf(reply.payload) };
}

describe("/start and /help", () => {
  it("greets in the user's Telegram language with the main menu", async () => {
    const vi = await replyWithButtons(user("vi"), "/start");
    expect(vi.text).toContain("Xin chào Lan!");
    expect(vi.buttons.map((b) => b.data)).toEqual([
      "menu:fairs",
      "menu:deadlines",
      "menu:gates",
      "menu:contacts",
      "menu:register",
      "menu:mine",
      "menu:language",
    ]);
    expect((await replyWithButtons(user("zh-hans"), "/start")).text).toContain("您好，Lan！");
    expect((await replyWithButtons(user("en-US"), "/start")).text).toContain("Hello Lan!");
  });

  it("falls back to the default language for languages it does not speak", async () => {
    expect((await replyWithButtons(user("fr"), "/start")).text).toContain("Xin chào");
  });

  it("escapes HTML in the user's own name", async () => {
    expect((await replyWithButtons(user("en", "<b>Bob & co</b>"), "/start")).text).toContain(
      "Hello &lt;b&gt;Bob &amp; co&lt;/b&gt;!",
    );
  });

  it("lists commands and example questions in /help", async () => {
    const help = (await replyWithButtons(user("en"), "/help")).text;
    for (const command of ["/fairs", "/deadlines", "/gates", "/contacts", "/language"]) expect(help).toContain(command);
    expect(help).toContain("What trade fairs are coming up?");
  });

  it("points unknown commands to /help", async () => {
    expect((await replyWithButtons(user("en"), "/frobnicate")).text).toContain("/help");
  });
});

describe("/fairs and fair cards", () => {
  it("lists upcoming fairs soonest first, leaving past ones out", async () => {
    const { text, buttons } = await replyWithButtons(user("en"), "/fairs");
    expect(text).not.toContain("2024");
    const order = ["Honghe", "Lang Son 2026", "Lao Cai 2026", "Mong Cai", "Green Industry Exhibition 2027"].map((name) =>
      text.indexOf(name),
    );
    expect(order.every((pos) => pos >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(buttons[0]?.data).toBe("fair:honghe-hekou-2026");
  });

  it("opens a fair's card from its button with every fact a business needs", async () => {
    const from = user("vi");
    await replyWithButtons(from, "/fairs");
    const { text, payload } = await bot.press(from, "fair:vn-cn-langson-2026");
    for (const fact of [
      "Hội chợ Thương mại, Du lịch quốc tế Việt - Trung (Lạng Sơn 2026)",
      "08/12/2026 – 12/12/2026",
      "Quảng trường trung tâm TP Lạng Sơn, TP Lạng Sơn",
      "Bộ Công Thương và UBND tỉnh Lạng Sơn",
      "Hội chợ",
      "240 gian hàng",
      "6.000.000 ₫ / gian tiêu chuẩn 9 m²",
      "Nông sản",
      "Sở Công Thương tỉnh Lạng Sơn",
      "+84 205 000 0101",
      "30/11/2026 23:59 (giờ Việt Nam)",
      "01/12/2026 00:59 (giờ Bắc Kinh)",
      "còn 7 ngày",
    ]) {
      expect(text).toContain(fact);
    }
    expect(payload.parse_mode).toBe("HTML");
    expect(bot.api.calls.some((c) => c.method === "answerCallbackQuery")).toBe(true);
  });

  it("shows a closed deadline as closed", async () => {
    const { text } = await bot.press(user("en"), "fair:honghe-hekou-2026");
    expect(text).toContain("closed");
    expect(text).toContain("Processing &amp; manufacturing");
  });

  it("says so when a button points at a fair that no longer exists", async () => {
    const from = user("en");
    await bot.ask(from, "/fairs");
    const since = bot.api.calls.length;
    bot.api.pressButton(from, "fair:gone-fair-2020");
    const answer = await bot.api.waitFor((c) => c.method === "answerCallbackQuery", { since });
    expect(String(answer.payload.text)).toContain("not found");
  });
});

describe("/deadlines", () => {
  it("lists only fairs still open, by deadline, with days left", async () => {
    const { text, buttons } = await replyWithButtons(user("en"), "/deadlines");
    expect(text).not.toContain("Honghe");
    expect(text).toMatch(/Lang Son 2026[\s\S]*30 Nov 2026 23:59 — 7 days left[\s\S]*Lao Cai 2026[\s\S]*5 Dec 2026/);
    expect(buttons[0]?.data).toBe("dl:vn-cn-langson-2026");
    const answer = await bot.press(user("zh"), "dl:vn-cn-laocai-2026");
    expect(answer.text).toContain("2026年12月5日 23:59</b>（越南时间）");
    expect(answer.text).toContain("2026年12月6日 00:59（北京时间）");
  });
});

describe("/gates", () => {
  it("groups gates by province, each a button to its card", async () => {
    const { text, buttons } = await replyWithButtons(user("vi"), "/gates");
    expect(text.indexOf("<b>Lạng Sơn</b>")).toBeLessThan(text.indexOf("Cửa khẩu Tân Thanh"));
    expect(text).toContain("<b>Quảng Ninh</b>");
    expect(text).toContain("Cửa khẩu quốc tế Hữu Nghị ↔ Hữu Nghị Quan (Bằng Tường, Quảng Tây)");
    expect(buttons.map((b) => b.data)).toContain("gate:mong-cai");
  });

  it("shows a gate's card with counterpart, type, modes, hours and contacts", async () => {
    const { text } = await bot.press(user("en"), "gate:lao-cai");
    for (const fact of [
      "Hekou (Yunnan)",
      "International border gate",
      "road, rail",
      "07:00-22:00",
      "+84 214 000 2001",
      "cuakhau@demo.laocai.example",
      "Lao Cai Department of Industry and Trade",
    ]) {
      expect(text).toContain(fact);
    }
  });

  it("names the provinces in the reader's language", async () => {
    const { text } = await replyWithButtons(user("zh"), "/gates");
    expect(text).toContain("<b>谅山省</b>");
    expect(text).toContain("<b>广宁省</b>");
    expect(text).not.toContain("Lạng Sơn");
    expect((await bot.press(user("zh"), "gate:lao-cai")).text).toContain("老街省");
    expect((await bot.press(user("zh"), "contact:lso-bqlkkt")).text).toContain("谅山省");
  });
});

describe("/contacts", () => {
  it("lists the offices with what each handles and opens a card", async () => {
    const { text } = await replyWithButtons(user("en"), "/contacts");
    expect(text).toContain("Consulate General of Viet Nam in Nanning");
    expect(text).toContain("customs clearance");
    const card = await bot.press(user("zh"), "contact:vn-consulate-nanning");
    expect(card.text).toContain("+86 771 000 0401");
    expect(card.text).toContain("中国广西南宁市");
  });
});

describe("menu buttons", () => {
  it("each main-menu button answers like its command", async () => {
    const from = user("en");
    expect((await bot.press(from, "menu:fairs")).text).toContain("Upcoming fairs");
    expect((await bot.press(from, "menu:deadlines")).text).toContain("open for registration");
    expect((await bot.press(from, "menu:gates")).text).toContain("border gates");
    expect((await bot.press(from, "menu:contacts")).text).toContain("Trade-promotion contacts");
    expect((await bot.press(from, "menu:language")).text).toContain("Choose your language");
  });
});

describe("/language", () => {
  it("remembers the chosen language over Telegram's language_code", async () => {
    const from = user("en");
    const choose = await replyWithButtons(from, "/language");
    expect(choose.buttons.map((b) => b.data)).toEqual(["lang:vi", "lang:zh", "lang:en"]);
    const changed = await bot.press(from, "lang:zh");
    expect(changed.text).toBe("✅ 已切换为中文。");
    expect((await findUser(bot.app.db, from.id))?.language).toBe("zh");
    expect((await replyWithButtons(from, "/fairs")).text).toContain("2026年12月8日");
    expect((await replyWithButtons(from, "/start")).text).toContain("您好");
  });
});

describe("free-text questions", () => {
  it("answers a question in Chinese characters in Chinese whatever the user's language", async () => {
    const answer = await bot.ask(user("en"), "芒街口岸电话");
    expect(answer).toContain("芒街口岸");
    expect(answer).toContain("+84 203 000 3001");
  });

  it("offers buttons when two things match", async () => {
    const { text, buttons } = await replyWithButtons(user("en"), "lang son");
    expect(text).toBe("Which one do you mean?");
    expect(buttons.map((b) => b.data)).toEqual(
      expect.arrayContaining(["contact:lso-doit", "contact:lso-bqlkkt", "fair:vn-cn-langson-2026"]),
    );
  });

  it("says it did not understand, with examples and the menu, when nothing matches", async () => {
    const { text, buttons } = await replyWithButtons(user("vi"), "con mèo màu xanh lá");
    expect(text).toContain("chưa hiểu");
    expect(text).toContain("Hạn đăng ký hội chợ Lào Cai");
    expect(buttons.map((b) => b.data)).toContain("menu:fairs");
  });

  it("says honestly it has no weather, and lists the offices to ask, rather than not understanding", async () => {
    const { text } = await replyWithButtons(user("vi"), "thời tiết hôm nay thế nào");
    expect(text).toContain("Tôi không có thông tin thời tiết");
    expect(text).toContain("Sở Công Thương tỉnh Lạng Sơn");
    expect(text).toContain("Sở Công Thương tỉnh Lào Cai");
  });
});

describe("resilience", () => {
  it("a reply that met a Bot API 500 is retried, and the chat keeps answering", async () => {
    const from = user("en");
    bot.api.failNext(
      "sendMessage",
      { status: 500, body: { ok: false, error_code: 500, description: "Internal Server Error" } },
      1,
    );
    const since = bot.api.calls.length;
    bot.api.sendText(from, "/fairs");
    // The fake records the failed attempt too: the answer is the second sendMessage.
    const attempts = () =>
      bot.api.calls.slice(since).filter((c) => c.method === "sendMessage" && String(c.payload.text).includes("Upcoming fairs"));
    await expect.poll(() => attempts().length, { timeout: 8000, interval: 100 }).toBe(2);
    expect(await bot.ask(from, "/start")).toContain("Hello Lan!");
  });

  it("does not answer ordinary messages in groups", async () => {
    const since = bot.api.calls.length;
    bot.api.pushUpdate({
      message: {
        message_id: 1,
        date: 0,
        chat: { id: -100123, type: "supergroup", title: "Traders" },
        from: { id: 4242, is_bot: false, first_name: "An" },
        text: "chào mọi người",
      },
    });
    bot.api.sendText(user("en"), "/help");
    await bot.api.waitFor((c) => c.method === "sendMessage" && c.payload.chat_id !== -100123, { since });
    expect(bot.api.calls.slice(since).some((c) => c.payload.chat_id === -100123)).toBe(false);
  });
});
