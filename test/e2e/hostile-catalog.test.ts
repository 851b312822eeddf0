import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Locale } from "../../src/domain/locale.js";
import { importDataset } from "../../src/modules/catalog/dataset-import.service.js";
import { demoDataset, startTestBot, TEST_NOW, type TestBot } from "../helpers/app.js";
import type { FakeUser } from "../helpers/fake-bot-api.js";

const FAIR = "vn-cn-laocai-2026";
const END = "ZZ-END";
const longName = (word: string) => `${word} `.repeat(Math.ceil(10_000 / (word.length + 1))) + END;

const ADMIN = { id: 17_900, first_name: "Quân", language_code: "zh" };
let bot: TestBot;
let nextId = 17_000;

beforeAll(async () => {
  bot = await startTestBot({ ADMIN_IDS: String(ADMIN.id) });
  // A name stored before names had a limit: the database can hold one, whatever the import allows now.
  const data = demoDataset();
  const fair = data.fairs.find((f) => f.id === FAIR)!;
  fair.name = {
    vi: longName("Hội chợ <Lào Cai> & 🇻🇳"),
    zh: longName("老街国际商贸博览会🇨🇳"),
    en: longName("Lao Cai <Fair> & 🇬🇧"),
  };
  await importDataset(bot.app.db, { ...data, fairs: [fair] }, new Date(TEST_NOW));
});
afterAll(async () => bot.stop());

/** What reached the user after `act`, once the message holding `marker` has arrived. */
async function deliveredUntil(user: FakeUser, act: () => void, marker: string): Promise<string[]> {
  const since = bot.api.delivered.length;
  act();
  const texts = () =>
    bot.api.delivered
      .slice(since)
      .filter((c) => String(c.payload.chat_id) === String(user.id))
      .map((c) => String(c.payload.text ?? c.payload.caption ?? ""));
  await expect.poll(() => texts().some((t) => t.includes(marker)), { timeout: 4000 }).toBe(true);
  return texts();
}

describe("a fair with a 10,000-character name", () => {
  for (const locale of ["vi", "zh", "en"] as Locale[]) {
    it(`still lets ${locale} readers see /fairs, /deadlines, its card and its calendar file`, async () => {
      const user = { id: nextId++, first_name: "Lan", language_code: locale };
      await bot.ask(user, "/start");
      for (const command of ["/fairs", "/deadlines"]) {
        const texts = await deliveredUntil(user, () => bot.api.sendText(user, command), END);
        expect(texts.every((t) => t.length <= 4096)).toBe(true);
      }
      await deliveredUntil(user, () => bot.api.pressButton(user, `fair:${FAIR}`), END);
      const [caption] = await deliveredUntil(user, () => bot.api.pressButton(user, `cal:${FAIR}`), "…");
      expect(caption!.length).toBeLessThanOrEqual(1024);
    });
  }
});

describe("/import", () => {
  it("refuses a fair with a 10,000-character name, naming the record and the field in the staff member's language", async () => {
    const data = JSON.parse(JSON.stringify(demoDataset()));
    data.fairs[0].name.vi = longName("Hội chợ");
    const since = bot.api.calls.length;
    bot.api.sendFile(ADMIN, { fileName: "data.json", mimeType: "application/json", data: Buffer.from(JSON.stringify(data)) });
    const report = String((await bot.api.nextReply(ADMIN.id, { since })).payload.text);
    expect(report).toContain(`<code>fairs[${data.fairs[0].id}]</code> name.vi: 过长：最多 200 个字符`);
  });
});
