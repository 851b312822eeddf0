import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCatalogCache, searchIndexOf } from "../../../src/modules/catalog/catalog.service.js";
import { understand } from "../../../src/modules/catalog/qa.service.js";
import type { SearchIndex } from "../../../src/modules/catalog/search.js";
import { demoDatabase } from "../../helpers/app.js";
import { evaluate, loadCorpus, type Part } from "../../helpers/qa-corpus.js";

// Floors, not targets: `npm run eval:qa` reports the figures; these only stop them falling unnoticed.
const FLOOR: Record<Part, number> = { tuning: 0.97, "held-out": 0.98 };
const LANGUAGE_FLOOR: Record<Part, number> = { tuning: 0.95, "held-out": 0.97 };

let index: SearchIndex;
let destroy: () => Promise<void>;
beforeAll(async () => {
  const { db } = await demoDatabase();
  index = searchIndexOf(await createCatalogCache(db).get());
  destroy = () => db.destroy();
});
afterAll(async () => destroy());

describe.each(["tuning", "held-out"] as const)("the %s questions of the evaluation corpus", (part) => {
  const report = () => evaluate(loadCorpus(part), (item) => understand(item.text, index, "2026-11-23"));

  it("are understood at least as well as when the floor was set, in each language", () => {
    const { right, total, byLang } = report();
    expect(right / total).toBeGreaterThanOrEqual(FLOOR[part]);
    for (const [lang, figures] of Object.entries(byLang))
      expect(figures.right / figures.total, lang).toBeGreaterThanOrEqual(LANGUAGE_FLOOR[part]);
  });

  it("get no confident answer about something else when they ask what the data does not hold", () => {
    expect(report().confidentWrongOutOfScope).toBe(0);
  });
});
