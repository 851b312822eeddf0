import type { Kysely } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type ChosenReminder, type ReminderSink, takeDueReminders } from "../../../src/modules/reminders/reminders.service.js";
import type { Database } from "../../../src/platform/db/schema.js";
import { demoDatabase } from "../../helpers/app.js";
import { insertTestRegistration } from "../../helpers/registrations.js";
import { ALL, addFollower, fairTopic, provinceTopic, publishFair, sectorTopic, TEST_FAIR } from "../../helpers/reminders.js";

const SETTINGS = { officeZone: "Asia/Ho_Chi_Minh", defaultLocale: "vi" as const };
const PUBLISHED = "2027-01-10T09:00:00+07:00";
const FAIR = TEST_FAIR.id;

let db: Kysely<Database>;
beforeEach(async () => {
  ({ db } = await demoDatabase());
  await publishFair(db, PUBLISHED);
});
afterEach(async () => db.destroy());

const noSink: ReminderSink = async () => undefined;

/** One tick at `iso`; the reminders it chose for the test fair, as "user kind". */
async function tick(iso: string, options: { sink?: ReminderSink; dryRun?: boolean } = {}): Promise<ChosenReminder[]> {
  const chosen = await takeDueReminders(db, new Date(iso), SETTINGS, options.sink ?? noSink, { dryRun: options.dryRun });
  return chosen.filter((c) => c.fairId === FAIR);
}
const keys = (chosen: ChosenReminder[]) => chosen.map((c) => `${c.userId} ${c.kind}`).sort();

describe("each reminder kind fires at its moment, once", () => {
  const moments = [
    { kind: "deadline_7d", at: "2027-01-25T10:00:00+07:00" },
    { kind: "deadline_1d", at: "2027-01-31T10:00:00+07:00" },
    { kind: "starts_3d", at: "2027-02-07T00:00:00+07:00" },
    { kind: "starts_1d", at: "2027-02-09T00:00:00+07:00" },
  ];
  for (const { kind, at } of moments) {
    it(`${kind} at ${at}`, async () => {
      await addFollower(db, { id: 1, language: "vi" }, [fairTopic(FAIR)]);
      const minute = 60_000;
      const before = new Date(Date.parse(at) - minute).toISOString();
      const after = new Date(Date.parse(at) + minute).toISOString();
      expect(keys(await tick(before)).filter((k) => k.endsWith(kind))).toEqual([]);
      expect(keys(await tick(at)).filter((k) => k.endsWith(kind))).toEqual([`1 ${kind}`]);
      expect(keys(await tick(after))).toEqual([]);
    });
  }

  it("new_fair when the fair is published, to those who followed before", async () => {
    await addFollower(db, { id: 1 }, [ALL]);
    await addFollower(db, { id: 2 }, [provinceTopic("Lào Cai")]);
    const later = await tick(PUBLISHED);
    expect(keys(later)).toEqual(["1 new_fair"]);
    await addFollower(db, { id: 3 }, [ALL], "2027-01-10T03:00:00Z");
    expect(keys(await tick("2027-01-10T10:05:00+07:00"))).toEqual([]);
  });

  it("new_fair not again when the same fair is imported again", async () => {
    await addFollower(db, { id: 1 }, [ALL]);
    expect(keys(await tick(PUBLISHED))).toEqual(["1 new_fair"]);
    expect(await publishFair(db, "2027-01-11T09:00:00+07:00", { booth_capacity: 60 })).toEqual([]);
    expect(keys(await tick("2027-01-11T09:01:00+07:00"))).toEqual([]);
  });
});

describe("who gets a reminder", () => {
  it("followers of all fairs, of the fair, of one of its sectors or of its province; not of another sector", async () => {
    await addFollower(db, { id: 1 }, [ALL]);
    await addFollower(db, { id: 2 }, [fairTopic(FAIR)]);
    await addFollower(db, { id: 3 }, [sectorTopic("textiles"), sectorTopic("food")]);
    await addFollower(db, { id: 4 }, [provinceTopic("Lạng Sơn")]);
    await addFollower(db, { id: 5 }, [sectorTopic("energy"), fairTopic("vn-cn-laocai-2026")]);
    expect(keys(await tick("2027-01-25T10:00:00+07:00"))).toEqual([
      "1 deadline_7d",
      "2 deadline_7d",
      "3 deadline_7d",
      "4 deadline_7d",
    ]);
  });

  it("a user registered for the fair gets no 'deadline near' reminder, but does get 'starts soon'", async () => {
    await addFollower(db, { id: 1 }, [fairTopic(FAIR)]);
    await addFollower(db, { id: 2 }, [fairTopic(FAIR)]);
    await insertTestRegistration(db, new Date(PUBLISHED), { fairId: FAIR, userId: 1, status: "pending", booths: 1 });
    expect(keys(await tick("2027-01-31T10:00:00+07:00"))).toEqual(["2 deadline_1d"]);
    expect(keys(await tick("2027-02-07T09:00:00+07:00"))).toEqual(["1 starts_3d", "2 starts_3d"]);
  });

  it("a cancelled registration does not count as registered", async () => {
    await addFollower(db, { id: 1 }, [fairTopic(FAIR)]);
    await insertTestRegistration(db, new Date(PUBLISHED), { fairId: FAIR, userId: 1, status: "cancelled", booths: 1 });
    expect(keys(await tick("2027-01-31T10:00:00+07:00"))).toEqual(["1 deadline_1d"]);
  });

  it("an inactive user (who blocked the bot) gets nothing", async () => {
    await addFollower(db, { id: 1, active: false }, [ALL, fairTopic(FAIR)]);
    for (const at of [
      PUBLISHED,
      "2027-01-25T10:00:00+07:00",
      "2027-01-31T10:00:00+07:00",
      "2027-02-07T09:00:00+07:00",
      "2027-02-09T09:00:00+07:00",
    ]) {
      expect(await tick(at)).toEqual([]);
    }
  });

  it("each user once, however many of their subscriptions match", async () => {
    await addFollower(db, { id: 1 }, [ALL, fairTopic(FAIR), sectorTopic("food"), provinceTopic("Lạng Sơn")]);
    expect(keys(await tick("2027-01-25T10:00:00+07:00"))).toEqual(["1 deadline_7d"]);
  });
});

describe("quiet hours", () => {
  it("a reminder falling at night waits for 07:30 in the user's zone", async () => {
    await addFollower(db, { id: 1, language: "vi" }, [fairTopic(FAIR)]);
    await addFollower(db, { id: 2, language: "zh" }, [fairTopic(FAIR)]);
    await addFollower(db, { id: 3, language: "zh", timezone: "Asia/Ho_Chi_Minh" }, [fairTopic(FAIR)]);
    const chosen = await tick("2027-02-07T00:00:00+07:00");
    const notBefore = Object.fromEntries(chosen.map((c) => [c.userId, c.notBefore.toISOString()]));
    expect(notBefore).toEqual({ 1: "2027-02-07T00:30:00.000Z", 2: "2027-02-06T23:30:00.000Z", 3: "2027-02-07T00:30:00.000Z" });
  });

  it("a reminder that would wait past its deadline is not sent", async () => {
    await publishFair(db, PUBLISHED, { id: "late-deadline-2027", registration_deadline: "2027-02-01T22:00:00+07:00" });
    await addFollower(db, { id: 1 }, [fairTopic("late-deadline-2027")]);
    const chosen = await takeDueReminders(db, new Date("2027-02-01T21:30:00+07:00"), SETTINGS, noSink);
    expect(chosen.filter((c) => c.fairId === "late-deadline-2027")).toEqual([]);
  });
});

describe("after downtime", () => {
  it("what is still relevant goes out at the next tick, the latest kind only", async () => {
    await addFollower(db, { id: 1 }, [fairTopic(FAIR)]);
    expect(keys(await tick("2027-01-31T15:00:00+07:00"))).toEqual(["1 deadline_1d"]);
  });

  it("stale reminders do not: after the deadline, nothing about it", async () => {
    await addFollower(db, { id: 1 }, [fairTopic(FAIR)]);
    expect(keys(await tick("2027-02-01T10:00:00+07:00"))).toEqual([]);
    expect(keys(await tick("2027-02-10T08:00:00+07:00"))).toEqual([]);
  });
});

describe("exactly once", () => {
  it("two ticks at the same moment choose each reminder once", async () => {
    for (let id = 1; id <= 50; id++) await addFollower(db, { id }, [ALL]);
    const [a, b] = await Promise.all([tick("2027-01-25T10:00:00+07:00"), tick("2027-01-25T10:00:00+07:00")]);
    expect(a.length + b.length).toBe(50);
    expect(new Set([...a, ...b].map((c) => c.userId)).size).toBe(50);
  });

  it("a crash before the commit records nothing, so the next tick chooses the same again", async () => {
    await addFollower(db, { id: 1 }, [fairTopic(FAIR)]);
    const crash: ReminderSink = async () => {
      throw new Error("process killed");
    };
    await expect(tick("2027-01-25T10:00:00+07:00", { sink: crash })).rejects.toThrow("process killed");
    expect(keys(await tick("2027-01-25T10:01:00+07:00"))).toEqual(["1 deadline_7d"]);
  });

  it("a dry run lists what is due and records nothing", async () => {
    await addFollower(db, { id: 1 }, [fairTopic(FAIR)]);
    expect(keys(await tick("2027-01-25T10:00:00+07:00", { dryRun: true }))).toEqual(["1 deadline_7d"]);
    expect(keys(await tick("2027-01-25T10:00:00+07:00"))).toEqual(["1 deadline_7d"]);
  });
});
