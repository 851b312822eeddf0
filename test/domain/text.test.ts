import { describe, expect, it } from "vitest";
import { needleOf, PhraseMatcher, phraseForm } from "../../src/domain/text.js";

describe("PhraseMatcher", () => {
  const matcher = new PhraseMatcher(["Lào Cai", "hội chợ", "友谊关", "APEC 峰会", "Ninh Minh"].map(needleOf));
  const found = (question: string) => [...matcher.found(phraseForm(question))].map((n) => n.trim()).sort();

  it("finds Latin names as whole words only", () => {
    expect(found("Hội chợ Lào Cai khi nào?")).toEqual(["hoi cho", "lao cai"]);
    // "mình" is no part of Ninh Minh, nor "cailao" of Lào Cai.
    expect(found("cho mình hỏi cailao")).toEqual([]);
  });

  it("finds Chinese names inside a run of characters, traditional ones too", () => {
    expect(found("请问友谊关口岸电话")).toEqual(["友谊关"]);
    expect(found("友誼關口岸幾點開")).toEqual(["友谊关"]);
  });

  it("finds a Chinese name that starts with a Latin word, after a space or inside a run", () => {
    expect(found("about APEC 峰会 dates")).toEqual(["apec 峰会"]);
    expect(found("请问APEC 峰会")).toEqual(["apec 峰会"]);
  });
});
