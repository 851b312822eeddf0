import fs from "node:fs";
import path from "node:path";
import { sql } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { BotDeps } from "../../../src/bot/context.js";
import { fixedClock } from "../../../src/clock.js";
import { createConfig } from "../../../src/config.js";
import { createLogger } from "../../../src/logger.js";
import { createCatalogCache } from "../../../src/modules/catalog/catalog.service.js";
import { importDataset } from "../../../src/modules/catalog/dataset-import.service.js";
import { setUserLanguage, touchUser } from "../../../src/modules/people/people.service.js";
import { offerExpiryJob } from "../../../src/modules/registrations/offers.job.js";
import { acceptOffer, cancelRegistration, declineOffer } from "../../../src/modules/registrations/owner.service.js";
import { findRegistration } from "../../../src/modules/registrations/registrations.repository.js";
import {
  decideRegistration,
  type RegistrationDraft,
  submitRegistration,
} from "../../../src/modules/registrations/registrations.service.js";
import { expireOffers } from "../../../src/modules/registrations/waitlist.service.js";
import type { DB } from "../../../src/platform/db/connection.js";
import type { RegistrationRow } from "../../../src/platform/db/schema.js";
import { createI18n } from "../../../src/platform/telegram/i18n.js";
import { demoDatabase, demoDataset, TEST_NOW } from "../../helpers/app.js";
import { says } from "../../helpers/chat.js";

const FAIR = "vn-cn-laocai-2026";
const NOW = new Date(TEST_NOW);
const HOUR = 3_600_000;
const at = (ms: number) => new Date(NOW.getTime() + ms);
const STAFF = 900;

// Two booths, both taken; three companies wait for one booth each. Users speak vi, vi, zh, en, vi.
const BOOKED_A = 1;
const BOOKED_B = 2;
const FIRST = 3;
const SECOND = 4;
const THIRD = 5;
const STRANGER = 6;

let db: DB;
let dir: string;
const ids = new Map<number, number>();
const registrationOf = (user: number) => ids.get(user)!;
const current = async (user: number) => (await findRegistration(db, registrationOf(user)))!;

const draft = (user: number): RegistrationDraft => ({
  fairId: FAIR,
  company: `Company ${user}`,
  country: "other",
  taxId: `REG-${user}`,
  sectors: ["food"],
  booths: 1,
  contactPerson: `Person ${user}`,
  phone: "+8562055551234",
  email: `c${user}@example.com`,
  licence: null,
});

beforeEach(async () => {
  const demo = await demoDatabase();
  db = demo.db;
  dir = path.dirname(demo.file);
  await sql`update fairs set booth_capacity = 2 where id = ${FAIR}`.execute(db);
  for (const [id, language_code] of [
    [BOOKED_A, "vi"],
    [BOOKED_B, "vi"],
    [FIRST, "zh"],
    [SECOND, "vi"],
    [THIRD, "vi"],
    [STRANGER, "vi"],
    [STAFF, "vi"],
  ] as const) {
    await touchUser(db, { id, first_name: `User ${id}`, language_code }, NOW);
  }
  // The second in line chose English in the bot, whatever Telegram says.
  await setUserLanguage(db, SECOND, "en");
  // One minute apart, so the line order is the order of confirmation.
  for (const [i, user] of [BOOKED_A, BOOKED_B, FIRST, SECOND, THIRD].entries()) {
    const result = await submitRegistration(db, user, draft(user), at(i * 60_000));
    if (result.kind !== "registered") throw new Error(result.kind);
    ids.set(user, result.registration.id);
  }
  expect((await current(FIRST)).status).toBe("waitlisted");
});
afterEach(async () => {
  await db.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Staff turn down the first booked company, freeing its booth for the waitlist. */
const REJECTION = { approve: false, code: "missing_licence", note: "Incomplete documents" } as const;
const rejectBookedA = () => decideRegistration(db, registrationOf(BOOKED_A), STAFF, REJECTION, NOW);

const offerFor = (offers: RegistrationRow[]) => offers.map((o) => [o.user_id, o.status, o.offered_booths, o.offer_expires_at]);

describe("waitlist offers", () => {
  it("rejecting a pending registration offers its booth to the first in line for 48 hours", async () => {
    const result = await rejectBookedA();
    expect(result.kind === "decided" && offerFor(result.offers)).toEqual([[FIRST, "offered", 1, at(48 * HOUR).toISOString()]]);
    expect((await current(SECOND)).status).toBe("waitlisted");
  });

  it("approving a pending registration offers nothing", async () => {
    const result = await decideRegistration(db, registrationOf(BOOKED_A), STAFF, { approve: true }, NOW);
    expect(result.kind === "decided" && result.offers).toEqual([]);
    expect((await current(FIRST)).status).toBe("waitlisted");
  });

  it("a company cancelling its pending registration offers its booth to the first in line", async () => {
    const result = await cancelRegistration(db, registrationOf(BOOKED_B), BOOKED_B, NOW);
    expect(result.kind === "done" && offerFor(result.offers)).toEqual([[FIRST, "offered", 1, at(48 * HOUR).toISOString()]]);
  });

  it("accepting the offer before it expires makes the registration pending review with the offered booths", async () => {
    await rejectBookedA();
    const result = await acceptOffer(db, registrationOf(FIRST), FIRST, at(47 * HOUR));
    expect(result.kind).toBe("done");
    expect(await current(FIRST)).toMatchObject({
      status: "pending",
      booths: 1,
      offer_expires_at: null,
      offered_booths: null,
      waitlisted_at: null,
    });
  });

  it("accepting after the 48 hours is refused, even before the expiry job has run", async () => {
    await rejectBookedA();
    const result = await acceptOffer(db, registrationOf(FIRST), FIRST, at(48 * HOUR + 60_000));
    expect(result.kind).toBe("not_allowed");
    expect((await current(FIRST)).status).toBe("offered");
  });

  it("an offer not taken within 48 hours expires and the booth is offered to the next in line", async () => {
    await rejectBookedA();
    const later = at(48 * HOUR + 60_000);
    const { expired, offers } = await expireOffers(db, later);
    expect(expired.map((r) => [r.user_id, r.status])).toEqual([[FIRST, "expired"]]);
    expect(offerFor(offers)).toEqual([[SECOND, "offered", 1, new Date(later.getTime() + 48 * HOUR).toISOString()]]);
    expect((await current(THIRD)).status).toBe("waitlisted");
  });

  it("an offer still within its 48 hours is left alone by the expiry job", async () => {
    await rejectBookedA();
    expect(await expireOffers(db, at(47 * HOUR))).toEqual({ expired: [], offers: [] });
    expect((await current(FIRST)).status).toBe("offered");
  });

  it("declining the offer passes the booth to the next in line", async () => {
    await rejectBookedA();
    const result = await declineOffer(db, registrationOf(FIRST), FIRST, at(HOUR));
    expect(result.kind === "done" && offerFor(result.offers)).toEqual([[SECOND, "offered", 1, at(49 * HOUR).toISOString()]]);
    expect((await current(FIRST)).status).toBe("cancelled");
  });

  it("another user cannot accept someone else's offer", async () => {
    await rejectBookedA();
    expect((await acceptOffer(db, registrationOf(FIRST), STRANGER, at(HOUR))).kind).toBe("missing");
    expect((await current(FIRST)).status).toBe("offered");
  });
});

describe("booths added to a full fair", () => {
  // An import is the one way booths become free without being offered to the waitlist at once.
  it("a company signing up after an import adds a booth goes behind those already waiting", async () => {
    const data = demoDataset();
    data.fairs.find((f) => f.id === FAIR)!.booth_capacity = 3;
    await importDataset(db, data, NOW);
    await touchUser(db, { id: STRANGER + 1, first_name: "Newcomer", language_code: "vi" }, NOW);
    const result = await submitRegistration(db, STRANGER + 1, draft(STRANGER + 1), at(HOUR));
    expect(result.kind === "registered" && [result.registration.status, result.position]).toEqual(["waitlisted", 4]);
  });
});

describe("the offer expiry job", () => {
  it("tells the applicant whose offer expired, and offers the booth to the next one, each in their own language", async () => {
    await rejectBookedA();
    const later = at(48 * HOUR + 60_000);
    const deps = {
      db,
      config: createConfig({}),
      clock: fixedClock(later.toISOString()),
      logger: createLogger("silent"),
      i18n: createI18n("vi"),
      catalog: createCatalogCache(db),
    };

    expect((await offerExpiryJob.run(deps as unknown as BotDeps, later))?.expired).toBe(1);

    // The messages are queued in the outbox, in the job's transaction; the outbox sender sends them.
    const queued = await db
      .selectFrom("outbox")
      .select(["chat_id", "payload"])
      .where("state", "=", "queued")
      .orderBy("id")
      .execute();
    const sent = queued.map((row) => {
      const message = JSON.parse(row.payload) as {
        text: string;
        markup?: { inline_keyboard: Array<Array<{ callback_data?: string }>> };
      };
      return {
        chatId: row.chat_id,
        text: message.text,
        buttons: (message.markup?.inline_keyboard ?? []).flat().map((b) => b.callback_data ?? ""),
      };
    });
    expect(sent.map((m) => m.chatId)).toEqual([FIRST, SECOND]);
    expect(sent[0]!.text).toContain(says("zh", "registration.outcome.expired"));
    expect(sent[0]!.text).toContain("老街");
    expect(sent[1]!.text).toContain(says("en", "registration.offer_title"));
    expect(sent[1]!.buttons).toEqual([`of:yes:${registrationOf(SECOND)}`, `of:no:${registrationOf(SECOND)}`]);
  });
});
