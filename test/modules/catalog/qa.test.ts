import { beforeAll, describe, expect, it } from "vitest";
import { fold, tokenize } from "../../../src/domain/text.js";
import { createCatalogCache, searchIndexOf } from "../../../src/modules/catalog/catalog.service.js";
import { answerLocale, understand } from "../../../src/modules/catalog/qa.service.js";
import type { SearchIndex } from "../../../src/modules/catalog/search.js";
import { demoDatabase } from "../../helpers/app.js";

const TODAY = "2026-11-23";
let index: SearchIndex;

beforeAll(async () => {
  const { db } = await demoDatabase();
  index = searchIndexOf(await createCatalogCache(db).get());
  await db.destroy();
});

const ask = (q: string) => understand(q, index, TODAY);
const card = (kind: string, id: string) => ({ type: "card", ref: { kind, id } });

describe("folding", () => {
  it("removes Vietnamese tones and folds đ to d", () => {
    expect(fold("Cửa khẩu Đồng Đăng")).toBe("cua khau dong dang");
  });
  it("keeps Chinese and turns full-width punctuation into spaces", () => {
    expect(fold("友谊关（广西凭祥）？")).toBe("友谊关 广西凭祥");
  });
  it("splits Chinese into character pairs so two-character names are tokens", () => {
    expect(tokenize("河口口岸")).toEqual(["河口", "口口", "口岸"]);
  });
});

describe("understanding questions", () => {
  it("finds a gate with or without diacritics and with đ written as d", () => {
    expect(ask("cửa khẩu Đồng Đăng")).toEqual(card("gate", "dong-dang-rail"));
    expect(ask("cua khau dong dang")).toEqual(card("gate", "dong-dang-rail"));
    expect(ask("ĐỒNG ĐĂNG")).toEqual(card("gate", "dong-dang-rail"));
  });

  it("finds two-character Chinese names", () => {
    expect(ask("同登口岸电话")).toEqual(card("gate", "dong-dang-rail"));
    expect(ask("河口")).toEqual(card("gate", "lao-cai"));
    expect(ask("芒街博览会")).toEqual(card("fair", "vn-cn-mongcai-2027"));
  });

  it("tolerates small typos in longer names", () => {
    expect(ask("Youyguan")).toEqual(card("gate", "huu-nghi"));
    expect(ask("dongxng gate")).toEqual(card("gate", "mong-cai"));
  });

  it("uses aliases and English names", () => {
    expect(ask("friendship gate hours")).toEqual(card("gate", "huu-nghi"));
    expect(ask("green expo")).toEqual(card("fair", "green-industry-langson-2027"));
  });

  it("means this year's edition unless the question names a year", () => {
    expect(ask("hoi cho lang son")).toEqual(card("fair", "vn-cn-langson-2026"));
    expect(ask("hội chợ lạng sơn 2024")).toEqual(card("fair", "vn-cn-langson-2024"));
  });

  it("answers a deadline question about one fair with its deadline", () => {
    expect(ask("deadline lang son fair")).toEqual({ type: "fair_deadline", id: "vn-cn-langson-2026" });
  });

  it("offers a choice when several things match equally well", () => {
    const answer = ask("Lạng Sơn");
    expect(answer.type).toBe("choose");
    const ids = answer.type === "choose" ? answer.refs.map((r) => r.id) : [];
    expect(ids).toEqual(expect.arrayContaining(["lso-doit", "lso-bqlkkt", "vn-cn-langson-2026"]));
  });

  it("lists when a topic but no particular item is named", () => {
    expect(ask("hội chợ")).toEqual({ type: "upcoming" });
    expect(ask("cửa khẩu")).toEqual({ type: "gates" });
    expect(ask("registrations open?")).toEqual({ type: "open_registrations" });
  });

  it("says so when nothing matches", () => {
    expect(ask("blue elephants dancing")).toEqual({ type: "not_found" });
    expect(ask("abc xyz")).toEqual({ type: "not_found" });
  });

  it("answers greetings and thanks as such, not as 'I did not understand'", () => {
    for (const hello of ["xin chào", "chào ad ạ", "你好", "hi"]) expect(ask(hello)).toEqual({ type: "greeting" });
    for (const thanks of ["cảm ơn nhé", "谢谢", "thanks!"]) expect(ask(thanks)).toEqual({ type: "thanks" });
  });

  it("says honestly what it does not hold, never a card about something else", () => {
    expect(ask("what is the weather")).toMatchObject({ type: "out_of_scope", topic: "weather" });
    expect(ask("tỷ giá nhân dân tệ hôm nay")).toMatchObject({ type: "out_of_scope", topic: "exchange_rate" });
    expect(ask("关税是多少")).toMatchObject({ type: "out_of_scope", topic: "tariff" });
  });

  it("a currency or entry named in passing leaves a fair or gate question about the fair or gate", () => {
    expect(ask("How much is a booth at the Lao Cai fair in USD?")).toEqual({
      type: "card",
      ref: { kind: "fair", id: "vn-cn-laocai-2026" },
    });
    expect(ask("东兴口岸入境几点开门")).toEqual({ type: "card", ref: { kind: "gate", id: "mong-cai" } });
    expect(ask("usd to cny rate today?")).toMatchObject({ type: "out_of_scope", topic: "exchange_rate" });
  });

  it("never reads a pronoun or a word inside a name as that name", () => {
    // mình (I/we) is not Ninh Minh; lịch (schedule) is not the du lịch of a fair's name.
    expect(ask("cho mình hỏi lịch hội chợ ạ")).toEqual({ type: "upcoming" });
    expect(ask("bên mình muốn tham gia hội chợ")).toEqual({ type: "register" });
    expect(ask("what border gates are there in quang ninh")).toEqual({ type: "gates", filter: { province: "Quảng Ninh" } });
  });

  it("lists a province's gates, offices or events when the province is asked about", () => {
    expect(ask("cửa khẩu lạng sơn")).toEqual({ type: "gates", filter: { province: "Lạng Sơn" } });
    expect(ask("谅山有哪些口岸")).toEqual({ type: "gates", filter: { province: "Lạng Sơn" } });
    expect(ask("Lang Son gates")).toEqual({ type: "gates", filter: { province: "Lạng Sơn" } });
  });

  it("reads traditional Chinese and the đăng kí spelling like the others", () => {
    expect(ask("友誼關口岸電話")).toEqual({ type: "card", ref: { kind: "gate", id: "huu-nghi" } });
    expect(ask("mình muốn đăng kí gian hàng hội chợ lào cai")).toEqual({ type: "register", fairId: "vn-cn-laocai-2026" });
    expect(ask("我想报名参展")).toEqual({ type: "register" });
  });

  it("lists the events of a month said in words, even when that month has only one", () => {
    expect(ask("明年一月有展会吗")).toEqual({ type: "upcoming", filter: { month: "2027-01" } });
    expect(ask("Lịch các sự kiện tháng 3/2027")).toEqual({ type: "upcoming", filter: { month: "2027-03" } });
    expect(ask("今年最後一個月有哪些展會")).toEqual({ type: "upcoming", filter: { month: "2026-12" } });
    expect(ask("thang dau tien cua nam 2027 co hoi cho nao khong")).toEqual({ type: "upcoming", filter: { month: "2027-01" } });
    expect(ask("anything in the 3rd month of next year?")).toEqual({ type: "upcoming", filter: { month: "2027-03" } });
    // A fact of the one event of that month is still its card.
    expect(ask("hội chợ tháng 12 ở lào cai có thu phí không")).toEqual(card("fair", "vn-cn-laocai-2026"));
  });

  it("narrows events to a sector said of the event, not of the company asking", () => {
    expect(ask("hội chợ nào có ngành nông sản")).toEqual({ type: "upcoming", filter: { sector: "agriculture" } });
    expect(ask("the fair with textile & footwear sector, who organizes it?")).toEqual(card("fair", "vn-cn-mongcai-2027"));
    expect(ask("我们是做机械的，想知道接下来有哪些活动可以去看看")).toEqual({ type: "upcoming" });
    // "được" is not "dược" (pharmaceuticals), "điện thoại" (telephone) not electronics.
    expect(ask("tháng 12 có những hội chợ nào được tổ chức")).toEqual({ type: "upcoming", filter: { month: "2026-12" } });
  });

  it("reads the kind asked when it is set apart from the others", () => {
    expect(ask("最近有没有展览会？只看展览，不看博览会和交易会")).toEqual({ type: "upcoming", filter: { kind: "exhibition" } });
    expect(ask("which upcoming things are exhibitions rather than trade fairs")).toEqual({
      type: "upcoming",
      filter: { kind: "exhibition" },
    });
    expect(ask("有什么展会")).toEqual({ type: "upcoming" });
  });

  it("does not narrow to where the asker's company is, unless the question points back to it", () => {
    expect(ask("我们是广西做建材的，想问下接下来中越边境这边都有哪些展会活动")).toEqual({ type: "upcoming" });
    expect(ask("hi, pls share list of coming fair, we are exporter of cassava from tay ninh")).toEqual({ type: "upcoming" });
    expect(ask("Doanh nghiệp em ở Lạng Sơn, trong tỉnh có những cửa khẩu nào cho xe tải chạy qua?")).toEqual({
      type: "gates",
      filter: { province: "Lạng Sơn", mode: "road" },
    });
  });

  it("tells a fact of a fair from a wish to register, and the fair named from the others wanted", () => {
    expect(ask("Hội chợ LS tháng 12 còn bao nhiêu gian chưa có người đặt vậy ạ")).toEqual(card("fair", "vn-cn-langson-2026"));
    expect(ask("河口交易會主要是哪些行業參展")).toEqual(card("fair", "honghe-hekou-2026"));
    expect(ask("pls register 1 booth lao cai fair for my company")).toEqual({ type: "register", fairId: "vn-cn-laocai-2026" });
    expect(ask("too late for the hekou one, which others still taking applications?")).toEqual({ type: "open_registrations" });
    expect(ask("ad ơi hc LS còn kịp đk ko, còn mấy hôm nữa hết hạn")).toEqual({
      type: "fair_deadline",
      id: "vn-cn-langson-2026",
    });
  });

  it("reads “sở ct” as the Department of Industry and Trade, and “ct” alone as nothing of it", () => {
    expect(ask("so dt so ct lao cai la gi")).toEqual(card("contact", "lca-doit"));
    expect(ask("sở ct lạng sơn email")).toEqual(card("contact", "lso-doit"));
    // "ct" is as often chương trình (a programme): the fair's programme is asked.
    expect(ask("ct hoi cho lao cai co gi")).toEqual(card("fair", "vn-cn-laocai-2026"));
  });

  it("takes who organises a fair, or whom to contact about it, as a question about the fair, not an office", () => {
    // The seminar is held in Nam Ninh (Nanning), where the consulate is too.
    const seminar = card("fair", "quangninh-nanning-seminar-2027");
    expect(ask("toa dam o nam ninh lien he don vi nao")).toEqual(seminar);
    expect(ask("南宁座谈会是哪个单位办的")).toEqual(seminar);
    expect(ask("Hội chợ Lào Cai năm nay ai tổ chức vậy")).toEqual(card("fair", "vn-cn-laocai-2026"));
    expect(ask("Tổng lãnh sự quán ở Nam Ninh liên hệ đơn vị nào")).toEqual(card("contact", "vn-consulate-nanning"));
  });

  it("reads slots left (“còn suất”) as a fact of the fair and trucks (货车) as the road", () => {
    expect(ask("hội chợ lạng sơn còn suất không ạ")).toEqual(card("fair", "vn-cn-langson-2026"));
    expect(ask("谅山能过货车的口岸")).toEqual({ type: "gates", filter: { province: "Lạng Sơn", mode: "road" } });
  });

  it("takes thanks as thanks and a chat word as no month or name", () => {
    expect(ask("Cảm ơn bạn, thông tin rất hữu ích, chúc bot một ngày tốt lành")).toEqual({ type: "thanks" });
    // sếp (boss), folded, is "sep": not September.
    expect(ask("ben minh co hoi thao gi sap toi k, sep em thich di nghe")).toEqual({
      type: "upcoming",
      filter: { kind: "seminar" },
    });
    expect(ask("vnd to cny rate at mong cai gate today?")).toMatchObject({ type: "out_of_scope", topic: "exchange_rate" });
  });

  it("keeps small talk, counts and requests to be signed up apart from what they mention", () => {
    expect(ask("alo ad oi, sang nay troi lanh ghe, ad khoe hk")).toEqual({ type: "greeting" });
    expect(ask("thời tiết Lạng Sơn tuần này thế nào")).toMatchObject({ type: "out_of_scope", topic: "weather" });
    expect(ask("Quảng Ninh giáp Quảng Tây có mấy cửa khẩu vậy ạ, em chỉ biết Móng Cái")).toEqual({
      type: "gates",
      filter: { province: "Quảng Ninh" },
    });
    expect(ask("Cho mình đăng ký tham gia hội chợ với, bên mình chưa biết chọn hội chợ nào")).toEqual({ type: "register" });
    expect(ask("sự kiện nào còn nhận đơn thì ib e danh sách nha ad")).toEqual({ type: "open_registrations" });
    expect(ask("lao cai fair held near kim thanh gate or in city?")).toEqual(card("fair", "vn-cn-laocai-2026"));
    expect(ask("So Cong Thuong Lang Son co dang tuyen nhan vien ko ad")).toMatchObject({ type: "out_of_scope" });
    expect(ask("东兴口岸那边人民币换越南盾今天什么价")).toMatchObject({ type: "out_of_scope", topic: "exchange_rate" });
  });

  it("says honestly it does not know the weather, a market's hours or a border pass, even at a named place", () => {
    expect(ask("hi, weather forecast for mong cai next week?")).toMatchObject({ type: "out_of_scope", topic: "weather" });
    expect(ask("Chợ Tân Thanh mấy giờ mở cửa vậy ad, em muốn lên buôn hàng")).toMatchObject({ type: "out_of_scope" });
    expect(ask("Sổ thông hành đi Đông Hưng có được ở lại qua đêm bên đó không ạ")).toMatchObject({
      type: "out_of_scope",
      topic: "visa",
    });
    // The gate's own hours are in the data.
    expect(ask("Cửa khẩu Tân Thanh mấy giờ mở cửa")).toEqual(card("gate", "tan-thanh"));
  });

  it("reads the mode wanted besides the one set aside, and no kind when either is fine", () => {
    expect(ask("Ngoài đường bộ thì có cửa khẩu nào đi được đường sắt không ạ")).toEqual({
      type: "gates",
      filter: { mode: "rail" },
    });
    expect(ask("三月份想帶團過去，到時有展會或者座談會嗎")).toEqual({ type: "upcoming", filter: { month: "2027-03" } });
  });

  it("answers whether one province's fair still takes sign-ups with that fair's deadline, and points out-of-scope questions to the office of a place named", () => {
    expect(ask("hc lạng sơn còn kịp đk ko")).toEqual({ type: "fair_deadline", id: "vn-cn-langson-2026" });
    expect(ask("tỷ giá hôm nay ở móng cái")).toEqual({ type: "out_of_scope", topic: "exchange_rate", province: "Quảng Ninh" });
  });

  it("answers about that one event when the question says which sectors it has", () => {
    expect(ask("12月中旬在老街办的那个博览会有哪些展区")).toEqual(card("fair", "vn-cn-laocai-2026"));
    expect(ask("这个月有哪些展会")).toEqual({ type: "upcoming", filter: { month: "2026-11" } });
  });
});

describe("answer language", () => {
  it("answers Chinese characters in Chinese and Vietnamese letters in Vietnamese", () => {
    expect(answerLocale("友谊关口岸电话", "en")).toBe("zh");
    expect(answerLocale("Hội chợ Móng Cái", "en")).toBe("vi");
    expect(answerLocale("mong cai fair", "vi")).toBe("vi");
    expect(answerLocale("mong cai fair", "en")).toBe("en");
  });
});
