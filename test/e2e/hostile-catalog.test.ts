import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Locale } from "../../src/domain/locale.js";
import { importDataset } from "../../src/modules/catalog/dataset-import.service.js";
import { demoDataset, startTestBot, TEST_NOW, type TestBot } from "../helpers/app.js";
import type { FakeUser } from "../helpers/fake-bot-api.js";
import { spawnMain } from "../helpers/process.js";

const FAIR = "vn-cn-laocai-2026";
const END = "ZZ-END";
const longName = (word: string) => `${word} `.repeat(Math.ceil(10_000 / (word.length + 1))) + END;

const ADMIN = { id: 17_900, first_name: "Quân", language_code: "zh" };
const QUESTION: Record<Locale, string> = {
  vi: "hạn đăng ký hội chợ Lào Cai 2026",
  zh: "老街展会报名截止时间",
  en: "Lao Cai fair 2026 registration deadline",
};
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
  // The bot reads the catalog's version at most once a second (it may have read it at start).
  await new Promise((resolve) => setTimeout(resolve, 1100));
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
  // Several parts, each a message: on a loaded machine they take a while; what is checked is what arrives.
  await expect.poll(() => texts().some((t) => t.includes(marker)), { timeout: 15_000 }).toBe(true);
  return texts();
}

describe("a fair with a 10,000-character name", () => {
  for (const locale of ["vi", "zh", "en"] as Locale[]) {
    it(`still lets ${locale} readers see /fairs, /deadlines, its card, the answer to a question and its calendar file`, async () => {
      const user = { id: nextId++, first_name: "Lan", language_code: locale };
      await bot.ask(user, "/start");
      for (const command of ["/fairs", "/deadlines"]) {
        const texts = await deliveredUntil(user, () => bot.api.sendText(user, command), END);
        expect(texts.every((t) => t.length <= 4096)).toBe(true);
      }
      await deliveredUntil(user, () => bot.api.pressButton(user, `fair:${FAIR}`), END);
      await deliveredUntil(user, () => bot.api.sendText(user, QUESTION[locale]), END);
      const [caption] = await deliveredUntil(user, () => bot.api.pressButton(user, `cal:${FAIR}`), "…");
      expect(caption!.length).toBeLessThanOrEqual(1024);
    });
  }
});

async function upload(fileName: string, data: Buffer): Promise<string> {
  const since = bot.api.calls.length;
  bot.api.sendFile(ADMIN, { fileName, mimeType: "application/octet-stream", data }, { asPhoto: false });
  return String((await bot.api.nextReply(ADMIN.id, { since })).payload.text);
}

const GATES_HEADER =
  "id,name_vi,name_zh,name_en,counterpart_vi,counterpart_zh,counterpart_en,province,type,modes,hours,phone,email,contact_id,aliases";

describe("/import", () => {
  it("refuses a CSV saved as Latin-1 instead of importing its accents as U+FFFD, and says how to save it", async () => {
    // What Excel's plain "CSV" writes on a Western Windows: é as the single byte 0xE9.
    const row = "cafe-gate,Cafe Café,Cafe,Café Gate,Binh Mang,Pingmeng,Pingmeng,Cao Bang,main,road,07:00-17:00,,,,";
    const latin1 = Buffer.from(`${GATES_HEADER}\n${row}`, "latin1");
    const report = await upload("gates.csv", latin1);
    expect(report).toContain("不是UTF-8文本");
    expect(report).toContain("CSV UTF-8");
    expect(await bot.app.db.selectFrom("border_gates").select("id").where("id", "=", "cafe-gate").execute()).toEqual([]);
  });

  it("accepts a JSON file that starts with a UTF-8 byte-order mark, as a CSV one", async () => {
    const json = Buffer.from(`\uFEFF${JSON.stringify({ format: "trade-office-dataset/1", sectors: {} })}`, "utf8");
    expect(await upload("data.json", json)).toContain("✅");
  });

  it("npm run import, too, accepts a JSON file with a byte-order mark and refuses a Latin-1 CSV", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "import-"));
    const json = path.join(dir, "data.json");
    const csv = path.join(dir, "gates.csv");
    fs.writeFileSync(json, `\uFEFF${JSON.stringify({ format: "trade-office-dataset/1", sectors: {} })}`);
    fs.writeFileSync(csv, Buffer.from(`${GATES_HEADER}\ncafe,Café,Café,Café,B,B,B,Cao Bang,main,road,07:00-17:00,,,,`, "latin1"));
    const run = (file: string) => spawnMain({ DATABASE_URL: path.join(dir, "bot.sqlite") }, "src/cli/import.ts", [file]);
    const bom = run(json);
    expect(await bom.exited, bom.output()).toBe(0);
    const latin1 = run(csv);
    expect(await latin1.exited).not.toBe(0);
    expect(latin1.output()).toContain("not UTF-8");
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("refuses a JSON object with a key written twice, naming where", async () => {
    const text = '{"format":"trade-office-dataset/1","sectors":{"tea":{"vi":"Chè","zh":"茶","en":"Tea","en":"Green tea"}}}';
    const report = await upload("data.json", Buffer.from(text));
    expect(report).toContain("sectors.tea.en: 该键在同一对象中出现了两次");
  });

  it("refuses a fair with a 10,000-character name, naming the record and the field in the staff member's language", async () => {
    const data = JSON.parse(JSON.stringify(demoDataset()));
    data.fairs[0].name.vi = longName("Hội chợ");
    const report = await upload("data.json", Buffer.from(JSON.stringify(data)));
    expect(report).toContain(`<code>fairs[${data.fairs[0].id}]</code> name.vi: 过长：最多 200 个字符`);
  });
});

describe("re-importing an older download", () => {
  it("is held back with what it would undo, and goes through when sent again with the caption force", async () => {
    // The over-long name of the first tests back to its real one, or the export could not be imported at all.
    await importDataset(bot.app.db, demoDataset(), new Date(TEST_NOW));
    const exported = await bot.press(ADMIN, "ex:dataset");
    const file = (exported.payload.document as { data: Buffer }).data;
    // Someone changes a fair after that download (here through npm run import, an hour later).
    const edited = demoDataset();
    const fair = edited.fairs.find((f) => f.id === "vn-cn-langson-2026")!;
    fair.booth_capacity += 7;
    await importDataset(bot.app.db, { ...edited, fairs: [fair] }, new Date(Date.parse(TEST_NOW) + 3_600_000));

    const report = await upload("trade-office-dataset.json", file);
    expect(report).toContain("<code>fairs[vn-cn-langson-2026]</code> booth_capacity: 导出此文件后已在系统中修改");
    expect(report).toContain("此文件导出于");
    expect(report).not.toContain("vn-cn-laocai-2026"); // unchanged since: not listed
    const capacity = async () =>
      (await bot.app.db.selectFrom("fairs").select("booth_capacity").where("id", "=", fair.id).executeTakeFirstOrThrow())
        .booth_capacity;
    expect(await capacity()).toBe(fair.booth_capacity);

    const since = bot.api.calls.length;
    bot.api.sendFile(
      ADMIN,
      { fileName: "trade-office-dataset.json", mimeType: "application/json", data: file },
      { asPhoto: false, caption: "force" },
    );
    expect(String((await bot.api.nextReply(ADMIN.id, { since })).payload.text)).toContain("✅");
    expect(await capacity()).toBe(fair.booth_capacity - 7);
  });
});
