import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setStaffRole } from "../../src/modules/people/people.service.js";
import { findRegistration } from "../../src/modules/registrations/registrations.repository.js";
import { listAudit } from "../../src/modules/staff/audit.repository.js";
import { startTestBot, TEST_NOW, type TestBot } from "../helpers/app.js";
import { Chat, says } from "../helpers/chat.js";
import { insertTestRegistration } from "../helpers/registrations.js";

const ADMIN = { id: 17_500, first_name: "Hoa", language_code: "en" };
const FAIR = "vn-cn-laocai-2026";
let bot: TestBot;
let nextId = 17_510;
const now = new Date(TEST_NOW);

beforeAll(async () => {
  bot = await startTestBot({ ADMIN_IDS: String(ADMIN.id) });
});
afterAll(async () => bot.stop());

/** A pending registration of a new company. */
async function pending() {
  const company = { id: nextId++, first_name: "Minh", language_code: "vi" };
  await bot.ask(company, "/start");
  return {
    company,
    row: await insertTestRegistration(bot.app.db, now, { fairId: FAIR, userId: company.id, status: "pending", booths: 1 }),
  };
}

/** A staff member (not an admin) with a private chat open. */
async function staffMember() {
  const member = { id: nextId++, first_name: "Tuan", language_code: "en" };
  await bot.ask(member, "/start");
  await setStaffRole(bot.app.db, member.id, true, now);
  return new Chat(bot.api, member);
}

describe("a staff member demoted after pressing Reject", () => {
  it("cannot finish the rejection: nothing is decided or recorded under their id", async () => {
    const { row } = await pending();
    const staff = await staffMember();
    await staff.press(`st:no:${row.id}`, says("en", "review.ask_reason"));
    await staff.press("su:why:other", says("en", "review.ask_note_required"));
    await setStaffRole(bot.app.db, staff.user.id, false, now);
    await staff.say("Documents are incomplete", "you are no longer trade-office staff");
    expect((await findRegistration(bot.app.db, row.id))?.status).toBe("pending");
    expect(
      (await listAudit(bot.app.db)).filter((a) => a.actor_id === staff.user.id && a.action === "registration.reject"),
    ).toEqual([]);
  });
});
