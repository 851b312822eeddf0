import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Locale } from "../../src/domain/locale.js";
import { COLUMN_KEYS } from "../../src/modules/registrations/registration-export.js";
import { findRegistrationByTaxId } from "../../src/modules/registrations/registrations.repository.js";
import { createI18n } from "../../src/platform/telegram/i18n.js";
import { startTestBot, type TestBot } from "../helpers/app.js";
import { buttonData, Chat, says, textOf } from "../helpers/chat.js";
import type { ApiCall, UploadedFile } from "../helpers/fake-bot-api.js";
import { type Answers, fillForm } from "../helpers/signup.js";

const STAFF = { id: 900, first_name: "Hoa", language_code: "zh" };
const LAO_CAI = "vn-cn-laocai-2026";
const i18n = createI18n("vi");
let bot: TestBot;
let staff: Chat;

// What the staff member should read for each company: status, sectors and phone as a person reads them.
const COMPANIES = [
  {
    locale: "vi",
    answers: {
      company: "Công ty TNHH Đông Á",
      country: "VN",
      taxId: "0100233488",
      sectors: ["food", "agriculture"],
      booths: "2",
      person: "Nguyễn Văn An",
      phone: "0912 345 678",
      email: "an@dong-a.vn",
    },
    seen: { status: "🕓 待审核", sectors: "农产品; 加工食品", phone: "+84912345678", country: "🇻🇳 越南" },
  },
  {
    locale: "zh",
    answers: {
      company: "广西凭祥进出口贸易有限公司",
      country: "CN",
      taxId: "91350100M000100Y43",
      sectors: ["logistics"],
      booths: "3",
      person: "王芳",
      phone: "138 0013 8000",
      email: "wang@pingxiang.cn",
    },
    seen: { status: "✅ 已通过", sectors: "物流", phone: "+8613800138000", country: "🇨🇳 中国" },
  },
  {
    locale: "en",
    answers: {
      company: "Lao Trade Co",
      country: "other",
      taxId: "LA-2024-88",
      sectors: ["tourism"],
      booths: "1",
      person: "Somchai P.",
      phone: "+856 20 5555 1234",
      email: "somchai@laotrade.la",
    },
    seen: { status: "🚫 已取消", sectors: "旅游", phone: "+8562055551234", country: "🌐 其他" },
  },
] as const satisfies ReadonlyArray<{ locale: Locale; answers: Answers; seen: Record<string, string> }>;

let nextId = 7000;
const chat = (language_code: Locale) => new Chat(bot.api, { id: nextId++, first_name: "Lan", language_code });

async function signUp(c: Chat, locale: Locale, a: Answers): Promise<number> {
  await fillForm(c, locale, a, LAO_CAI);
  await c.press("su:confirm", says(locale, "signup.done"));
  return (await findRegistrationByTaxId(bot.app.db, LAO_CAI, a.taxId))!.id;
}

const references: string[] = [];

beforeAll(async () => {
  bot = await startTestBot({ ADMIN_IDS: String(STAFF.id) });
  staff = new Chat(bot.api, STAFF);
  const [pending, approved, cancelled] = COMPANIES.map(({ locale }) => chat(locale));
  const ids = [
    await signUp(pending!, "vi", COMPANIES[0].answers),
    await signUp(approved!, "zh", COMPANIES[1].answers),
    await signUp(cancelled!, "en", COMPANIES[2].answers),
  ];
  for (const id of ids)
    references.push(
      (await bot.app.db.selectFrom("registrations").select("reference").where("id", "=", id).executeTakeFirstOrThrow()).reference,
    );

  await staff.press(`st:ok:${ids[1]}`, i18n.t("zh", "review.approved", { reference: references[1]!, name: STAFF.first_name }));
  await cancelled!.toggle(`my:c:${ids[2]}`);
  await cancelled!.press(`my:cy:${ids[2]}`, says("en", "registration.status.cancelled"));
}, 60_000);
afterAll(async () => bot.stop());

const HEADERS = COLUMN_KEYS.map((key) => i18n.t("zh", `review.column.${key}`));

/** The document the bot sent in reply to pressing `data`, as uploaded. */
async function download(data: string): Promise<UploadedFile> {
  const sent: ApiCall = await staff.press(data, says("zh", "review.export_caption"));
  expect(sent.method).toBe("sendDocument");
  return sent.payload.document as UploadedFile;
}

/** Every company signed up above is in the table, as the staff member should read it. */
function expectEveryCompany(table: string[][]) {
  const [headers, ...rows] = table;
  expect(headers).toEqual(HEADERS);
  const cell = (row: string[], key: (typeof COLUMN_KEYS)[number]) => row[COLUMN_KEYS.indexOf(key)];
  expect(rows).toHaveLength(COMPANIES.length);
  COMPANIES.forEach(({ answers, seen }, i) => {
    const row = rows.find((r) => cell(r, "reference") === references[i]);
    expect(row, references[i]).toBeDefined();
    expect({
      company: cell(row!, "company"),
      taxId: cell(row!, "taxId"),
      status: cell(row!, "status"),
      sectors: cell(row!, "sectors"),
      phone: cell(row!, "phone"),
      country: cell(row!, "country"),
      booths: cell(row!, "booths"),
    }).toEqual({ company: answers.company, taxId: answers.taxId, booths: answers.booths, ...seen });
  });
}

describe("/registrations for staff", () => {
  it("lists the fairs, then shows a fair's counts by status and the booths left, in the staff member's language", async () => {
    const choose = await staff.say("/registrations", says("zh", "review.choose_fair"));
    expect(buttonData(choose)).toContain(`sr:f:${LAO_CAI}`);
    const counts = textOf(await staff.press(`sr:f:${LAO_CAI}`, says("zh", "review.places_left.booths")));
    expect(counts).toContain("老街");
    expect(counts).toContain("🕓 待审核：1（2 个展位）");
    expect(counts).toContain("✅ 已通过：1（3 个展位）");
    expect(counts).toContain("🚫 已取消：1（1 个展位）");
    expect(counts).toContain("剩余展位：<b>295</b> / 300");
  });

  it("the Excel export has the staff member's headers and every registration with readable status, sector names and E.164 phone", async () => {
    const file = await download(`sr:xlsx:${LAO_CAI}`);
    expect(file.fileName).toBe(`registrations-${LAO_CAI}.xlsx`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.data as unknown as ExcelJS.Buffer);
    const sheet = workbook.worksheets[0]!;
    const table = sheet.getRows(1, sheet.rowCount)!.map((row) => HEADERS.map((_, i) => String(row.getCell(i + 1).value ?? "")));
    expectEveryCompany(table);
  });

  it("the CSV export starts with a byte-order mark and has the same headers and registrations", async () => {
    const file = await download(`sr:csv:${LAO_CAI}`);
    expect(file.fileName).toBe(`registrations-${LAO_CAI}.csv`);
    const text = file.data.toString("utf8");
    expect(text.startsWith("\uFEFF")).toBe(true);
    // Excel shows a ="…" field as the text inside: that is how tax ids and phones keep their 0 and +.
    const asExcelShows = (field: string) => field.replace(/^="(.*)"$/, "$1");
    expectEveryCompany((parse(text.slice(1)) as string[][]).map((row) => row.map(asExcelShows)));
  });

  it("each export of registrations (personal data) is written to the audit log with who took it", async () => {
    const entries = await bot.app.db
      .selectFrom("audit_log")
      .select(["actor_id", "action", "target"])
      .where("target", "like", `registrations-${LAO_CAI}.%`)
      .orderBy("id")
      .execute();
    expect(entries.map((e) => e.target)).toEqual([`registrations-${LAO_CAI}.xlsx`, `registrations-${LAO_CAI}.csv`]);
    expect(entries.every((e) => e.action === "export" && e.actor_id === STAFF.id)).toBe(true);
  });
});

describe("/registrations for everyone else", () => {
  it("a company sending /registrations gets a polite refusal", async () => {
    await chat("vi").say("/registrations", says("vi", "review.not_allowed"));
  });

  it("a company pressing a forged export button gets a polite refusal and no file", async () => {
    const c = chat("en");
    await c.say("/start", "Hello");
    const since = bot.api.calls.length;
    bot.api.pressButton(c.user, `sr:xlsx:${LAO_CAI}`);
    const refusal = await bot.api.waitFor(
      (call) =>
        call.method === "answerCallbackQuery" && String(call.payload.text ?? "").includes(says("en", "review.not_allowed")),
      { since },
    );
    expect(refusal).toBeDefined();
    // Updates of a chat are handled in order: once this one is answered, the press has been dealt with.
    await c.say("/help", "What I can do");
    expect(bot.api.calls.slice(since).filter((call) => call.method === "sendDocument")).toEqual([]);
  });
});
