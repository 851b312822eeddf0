import { beforeAll, describe, expect, it } from "vitest";
import { createCatalogCache, searchIndexOf } from "../../../src/modules/catalog/catalog.service.js";
import { withoutAsides } from "../../../src/modules/catalog/out-of-scope.js";
import { understand } from "../../../src/modules/catalog/qa.service.js";
import type { SearchIndex } from "../../../src/modules/catalog/search.js";
import { demoDatabase } from "../../helpers/app.js";

let index: SearchIndex;

beforeAll(async () => {
  const { db } = await demoDatabase();
  index = searchIndexOf(await createCatalogCache(db).get());
  await db.destroy();
});

const ask = (q: string) => understand(q, index, "2026-11-23");

describe("questions the data cannot answer", () => {
  it("are out of scope when they name a gate only as the place of a market price", () => {
    expect(ask("giá thanh long ở cửa khẩu Tân Thanh hôm nay")).toMatchObject({ type: "out_of_scope", province: "Lạng Sơn" });
    expect(ask("今天凭祥水果市场榴莲什么价")).toMatchObject({ type: "out_of_scope" });
  });

  it("are out of scope when a truck hire or a freight quote is asked with a gate named", () => {
    expect(ask("Thuê xe tải 5 tấn chở hàng từ Hà Nội lên Hữu Nghị giá bao nhiêu ạ")).toMatchObject({ type: "out_of_scope" });
    expect(ask("從諒山運一櫃貨到深圳的物流報價是多少")).toMatchObject({ type: "out_of_scope" });
  });

  it("tell weather, currency, tariff and visa apart for the office to point to", () => {
    expect(ask("芒街口岸下周有台风吗")).toMatchObject({ type: "out_of_scope", topic: "weather" });
    expect(ask("best place to swap dong for yuan near lao cai gate")).toMatchObject({
      type: "out_of_scope",
      topic: "exchange_rate",
    });
    expect(ask("what duty does china charge on vietnamese cashews under acfta")).toMatchObject({
      type: "out_of_scope",
      topic: "tariff",
    });
    expect(ask("Người Việt đi Bằng Tường cần giấy tờ gì để qua cửa khẩu ạ")).toMatchObject({
      type: "out_of_scope",
      topic: "visa",
    });
  });

  it("leave a booth's price list alone though it folds like frost on the roads", () => {
    expect(ask("sa pa voi lao cai dot nay co bang gia ko ad")).toMatchObject({ type: "out_of_scope", topic: "other" });
    expect(ask("hội chợ Lào Cai có bảng giá gian hàng không")).toMatchObject({ type: "card", ref: { id: "vn-cn-laocai-2026" } });
  });
});

describe("an out-of-scope aside", () => {
  it("does not hide the question it gives the reason for", () => {
    expect(ask("lang son fair dates? want to book a hotel early")).toEqual({
      type: "card",
      ref: { kind: "fair", id: "vn-cn-langson-2026" },
    });
    expect(ask("any fairs next month? need to plan shipping the samples")).toMatchObject({
      type: "upcoming",
      filter: { month: "2026-12" },
    });
  });

  it("about the weather does not hide the question after it", () => {
    expect(ask("Trời rét quá, ad cho em hỏi hội chợ Lạng Sơn tháng 12 tổ chức ở đâu ạ")).toMatchObject({
      type: "card",
      ref: { id: "vn-cn-langson-2026" },
    });
  });

  it("about the asker leaves a gate's hours asked outright", () => {
    expect(ask("友谊关几点开门，我们的货车在排队")).toMatchObject({ type: "card", ref: { id: "huu-nghi" } });
  });

  it("about the asker is the question when the rest asks no fact", () => {
    expect(ask("我的护照快过期了，还能从河口过去老街吗")).toMatchObject({ type: "out_of_scope", topic: "visa" });
    expect(withoutAsides("我的护照快过期了，还能从河口过去老街吗")).toMatchObject({ situation: true });
  });

  it("is never one that asks", () => {
    expect(withoutAsides("chinese staff come to lang son fair, need visa?")).toBeUndefined();
  });
});

describe("rail gates asked with the word for train", () => {
  it("are listed, not taken for a train timetable", () => {
    expect(ask("有哪些口岸可以走火車")).toMatchObject({ type: "gates", filter: { mode: "rail" } });
    expect(ask("同登火車站到河內的火車幾點發車")).toMatchObject({ type: "out_of_scope" });
  });
});
