import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Locale } from "../../src/domain/locale.js";
import {
  boothsHeld,
  listFairRegistrations,
  listUserRegistrations,
  listWaitlist,
} from "../../src/modules/registrations/registrations.repository.js";
import { boothsLeft } from "../../src/modules/registrations/registrations.service.js";
import { startTestBot, type TestBot } from "../helpers/app.js";
import { Chat, says, textOf } from "../helpers/chat.js";
import { fillForm, otherCompany } from "../helpers/signup.js";

const LAO_CAI = "vn-cn-laocai-2026";
const COMPANIES = 50;
const BATCH = 10;
const LOCALES: Locale[] = ["vi", "zh", "en"];
let bot: TestBot;

beforeAll(async () => {
  bot = await startTestBot();
  await sql`update fairs set booth_capacity = 10 where id = ${LAO_CAI}`.execute(bot.app.db);
});
afterAll(async () => bot.stop());

/** Fills the form up to the summary, one booth, for a company from elsewhere (no check digit to compute). */
const fillToSummary = (c: Chat, locale: Locale, n: number) => fillForm(c, locale, otherCompany(n), LAO_CAI);

type Company = { n: number; locale: Locale; chat: Chat; told: string };
const companies: Company[] = [];
const outcome = (c: Company) =>
  c.told.startsWith(says(c.locale, "signup.done"))
    ? "registered"
    : c.told.startsWith(says(c.locale, "signup.done_waitlisted"))
      ? "waitlisted"
      : "other";

describe("50 companies pressing Confirm at the same moment for the last 10 booths", () => {
  beforeAll(async () => {
    const chats = Array.from({ length: COMPANIES }, (_, i) => {
      const locale = LOCALES[i % LOCALES.length]!;
      return {
        n: i + 1,
        locale,
        chat: new Chat(bot.api, { id: 60_000 + i, first_name: `Owner ${i + 1}`, language_code: locale }),
      };
    });
    for (let i = 0; i < COMPANIES; i += BATCH)
      await Promise.all(chats.slice(i, i + BATCH).map(({ chat, locale, n }) => fillToSummary(chat, locale, n)));
    expect(await boothsLeft(bot.app.db, LAO_CAI)).toBe(10);

    const since = bot.api.calls.length;
    for (const { chat } of chats) bot.api.pressButton(chat.user, "su:confirm");
    // The first new message after Confirm (the summary itself is edited to show the press first).
    const answers = await Promise.all(
      chats.map(({ chat }) =>
        bot.api.waitFor((c) => c.method === "sendMessage" && c.payload.chat_id === chat.user.id, { since, timeoutMs: 30_000 }),
      ),
    );
    chats.forEach((c, i) => companies.push({ ...c, told: textOf(answers[i]!) }));
  }, 60_000);

  it("exactly 10 are told they are registered, each with the reference stored for it", async () => {
    const registered = companies.filter((c) => outcome(c) === "registered");
    expect(registered).toHaveLength(10);
    for (const c of registered) {
      const [row] = await listUserRegistrations(bot.app.db, c.chat.user.id);
      expect(row).toMatchObject({ status: "pending", booths: 1 });
      expect(c.told).toContain(row!.reference);
    }
  });

  it("the other 40 are told they are on the waitlist, each with its own place in line", async () => {
    const waitlisted = companies.filter((c) => outcome(c) === "waitlisted");
    expect(waitlisted).toHaveLength(40);
    const line = (await listWaitlist(bot.app.db, LAO_CAI)).map((r) => r.id);
    const places = [];
    for (const c of waitlisted) {
      const [row] = await listUserRegistrations(bot.app.db, c.chat.user.id);
      expect(row!.status).toBe("waitlisted");
      expect(c.told).toContain(row!.reference);
      const place = line.indexOf(row!.id) + 1;
      expect(c.told).toContain(`<b>${place}</b>`);
      places.push(place);
    }
    expect(places.sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
  });

  it("the database holds all 50 sign-ups and no more booths than the fair has", async () => {
    const rows = await listFairRegistrations(bot.app.db, LAO_CAI);
    expect(rows).toHaveLength(COMPANIES);
    expect(new Set(rows.map((r) => r.tax_id)).size).toBe(COMPANIES);
    expect(await boothsHeld(bot.app.db, LAO_CAI)).toBe(10);
  });

  it("no company is shown an error message", () => {
    expect(companies.filter((c) => outcome(c) === "other").map((c) => c.told)).toEqual([]);
    const errors = LOCALES.map((locale) => says(locale, "common.error"));
    expect(bot.api.calls.filter((call) => call.method === "sendMessage" && errors.some((e) => textOf(call).includes(e)))).toEqual(
      [],
    );
  });
});
