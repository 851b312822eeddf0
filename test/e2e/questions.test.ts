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
