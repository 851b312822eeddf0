import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Locale } from "../../src/domain/locale.js";
import { startTestBot, TEST_NOW, type TestBot } from "../helpers/app.js";
import { insertTestRegistration } from "../helpers/registrations.js";
import { seedUsers } from "../helpers/users.js";

const COMPANY_OWNER = 8800;
let bot: TestBot;
let nextId = 8000;
const user = (language_code: Locale) => ({ id: nextId++, first_name: "Lan", language_code });

beforeAll(async () => {
  bot = await startTestBot();
  await seedUsers(bot.app.db, COMPANY_OWNER, 1);
});
afterAll(async () => bot.stop());

const signUp = (fairId: string, booths: number, status: "pending" | "approved" | "waitlisted" = "pending") =>
  insertTestRegistration(bot.app.db, new Date(TEST_NOW), { fairId, userId: COMPANY_OWNER, status, booths });

const setCapacity = (fairId: string, capacity: number) =>
  bot.app.db.updateTable("fairs").set({ booth_capacity: capacity }).where("id", "=", fairId).execute();

const card = async (locale: Locale, fairId: string) => (await bot.press(user(locale), `fair:${fairId}`)).text;

/** The lines a list gives one fair: from its name up to the next fair's number. */
function entryOf(list: string, name: string): string {
  const start = list.indexOf(name);
  expect(start, name).toBeGreaterThanOrEqual(0);
  const next = list.slice(start).search(/\n\d+\. /);
  return next < 0 ? list.slice(start) : list.slice(start, start + next);
}

describe("places left on fair cards, /fairs and /deadlines", () => {
  it("count down the booths a company signs up for, at once", async () => {
    expect(await card("vi", "vn-cn-langson-2026")).toContain("🧱 Còn 240/240 gian hàng");
    await signUp("vn-cn-langson-2026", 3);
    expect(await card("vi", "vn-cn-langson-2026")).toContain("🧱 Còn 237/240 gian hàng");
    expect(entryOf(await bot.ask(user("vi"), "/fairs"), "(Lạng Sơn 2026)")).toContain("🧱 Còn 237/240 gian hàng");
    expect(entryOf(await bot.ask(user("en"), "/deadlines"), "Lang Son 2026")).toContain("🧱 237 of 240 booths left");
    expect(entryOf(await bot.ask(user("zh"), "/fairs"), "谅山")).toContain("🧱 剩余展位：237/240");
  });

  it("say a fair with no booths left is full, with its waitlist open", async () => {
    await setCapacity("vn-cn-laocai-2026", 2);
    await signUp("vn-cn-laocai-2026", 2, "approved");
    expect(await card("en", "vn-cn-laocai-2026")).toContain("📋 Full — waitlist open");
    expect(await card("vi", "vn-cn-laocai-2026")).toContain("📋 Đã kín chỗ — vẫn nhận đăng ký vào danh sách chờ");
    expect(entryOf(await bot.ask(user("zh"), "/deadlines"), "老街")).toContain("📋 已满 — 仍可报名加入候补名单");
    expect(entryOf(await bot.ask(user("en"), "/fairs"), "Lao Cai 2026")).not.toContain("booths left");
  });

  it("say a fair is full while companies wait, though booths are free", async () => {
    await signUp("vn-cn-mongcai-2027", 1, "waitlisted");
    expect(await card("en", "vn-cn-mongcai-2027")).toContain("📋 Full — waitlist open");
  });

  it("count seats, not booths, at a seminar", async () => {
    await signUp("quangninh-nanning-seminar-2027", 4);
    expect(await card("en", "quangninh-nanning-seminar-2027")).toContain("🪑 96 of 100 seats left");
    expect(await card("vi", "quangninh-nanning-seminar-2027")).toContain("🪑 Còn 96/100 chỗ");
    expect(await card("zh", "quangninh-nanning-seminar-2027")).toContain("🪑 剩余名额：96/100");
    // Its size and fee speak of seats too, never of booths.
    const vi = await card("vi", "quangninh-nanning-seminar-2027");
    expect(vi).toContain("<b>Quy mô:</b> 100 chỗ");
    expect(vi).toContain("Phí tham dự");
    expect(vi).not.toContain("gian hàng");
    const entry = entryOf(await bot.ask(user("en"), "/deadlines"), "Seminar in Nanning");
    expect(entry).toContain("96 of 100 seats left");
    expect(entry).not.toContain("booths");
  });

  it("are not shown once registration has closed", async () => {
    await signUp("honghe-hekou-2026", 1, "approved");
    const closed = await card("en", "honghe-hekou-2026");
    expect(closed).toContain("closed");
    expect(closed).not.toMatch(/left|Full/);
    expect(entryOf(await bot.ask(user("en"), "/fairs"), "Honghe")).not.toMatch(/left|Full/);
  });
});
