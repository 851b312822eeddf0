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
    expect(ask("xin chào")).toEqual({ type: "not_found" });
    expect(ask("what is the weather")).toEqual({ type: "not_found" });
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
