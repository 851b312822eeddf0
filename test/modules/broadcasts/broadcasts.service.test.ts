import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { RegistrationStatus } from "../../../src/domain/registration.js";
import { resolveAudience } from "../../../src/modules/broadcasts/audience.service.js";
import { broadcastCounts, findBroadcast, markReported } from "../../../src/modules/broadcasts/broadcasts.repository.js";
import { type BroadcastContent, BroadcastRefused, createBroadcast } from "../../../src/modules/broadcasts/broadcasts.service.js";
import type { DB } from "../../../src/platform/db/connection.js";
import { countStates, purgeFinishedBefore } from "../../../src/platform/outbox/outbox.repository.js";
import { demoDatabase, TEST_NOW } from "../../helpers/app.js";
import { seedUsers } from "../../helpers/users.js";

let db: DB;
const now = new Date(TEST_NOW);

beforeEach(async () => {
  ({ db } = await demoDatabase());
  await seedUsers(db, 1, 9); // 1 vi, 2 zh, 3 en, 4 vi, …
});
afterEach(async () => db.destroy());

let reference = 0;
async function register(userId: number, fairId: string, status: RegistrationStatus, sectors: string[]) {
  await db
    .insertInto("registrations")
    .values({
      reference: `T${++reference}`,
      fair_id: fairId,
      user_id: userId,
      company: "Co",
      country: "VN",
      tax_id: `tax-${reference}`,
      sectors: JSON.stringify(sectors),
      booths: 1,
      contact_person: "A",
      phone: "+84900000000",
      email: "a@example.com",
      status,
    })
    .execute();
}

const chats = async (audience: Parameters<typeof resolveAudience>[1]) =>
  (await resolveAudience(db, audience, "vi")).map((r) => r.chatId);

describe("audiences", () => {
  it("all active users, without those who blocked the bot", async () => {
    await db.updateTable("users").set({ active: 0 }).where("id", "=", 5).execute();
    expect(await chats({ type: "all" })).toEqual([1, 2, 3, 4, 6, 7, 8, 9]);
  });

  it("registrants of a fair by status, each once", async () => {
    await register(1, "vn-cn-langson-2026", "approved", ["food"]);
    await register(1, "vn-cn-langson-2026", "approved", ["food"]);
    await register(2, "vn-cn-langson-2026", "pending", ["energy"]);
    await register(3, "vn-cn-laocai-2026", "approved", ["food"]);
    expect(await chats({ type: "registrants", fairId: "vn-cn-langson-2026", statuses: ["approved"] })).toEqual([1]);
    expect(await chats({ type: "registrants", fairId: "vn-cn-langson-2026", statuses: [] })).toEqual([1, 2]);
  });

  it("subscribers of a fair: followers of all fairs, of the fair, of one of its sectors or of its province", async () => {
    const follow = (user_id: number, topic: "all" | "fair" | "sector" | "province", value: string) =>
      db.insertInto("subscriptions").values({ user_id, topic, value, created_at: TEST_NOW }).execute();
    const langSon = (
      await db.selectFrom("fairs").select(["province"]).where("id", "=", "vn-cn-langson-2026").executeTakeFirstOrThrow()
    ).province;
    const sector = (
      await db
        .selectFrom("fair_sectors")
        .select("sector_id")
        .where("fair_id", "=", "vn-cn-langson-2026")
        .executeTakeFirstOrThrow()
    ).sector_id;
    await follow(1, "all", "");
    await follow(2, "fair", "vn-cn-langson-2026");
    await follow(3, "sector", sector);
    await follow(4, "province", langSon);
    await follow(5, "fair", "vn-cn-laocai-2026");
    await follow(6, "province", "Lào Cai");
    expect(await chats({ type: "subscribers", fairId: "vn-cn-langson-2026" })).toEqual([1, 2, 3, 4]);
    // Following a sector or a province also puts a user in that audience.
    expect(await chats({ type: "province", province: "Lào Cai" })).toEqual([6]);
    expect(await chats({ type: "sector", sectorId: sector })).toEqual([3]);
  });

  it("a sector, a province, a language", async () => {
    await register(1, "vn-cn-langson-2026", "approved", ["food", "agriculture"]);
    await register(2, "vn-cn-laocai-2026", "pending", ["energy"]);
    await register(3, "vn-cn-mongcai-2027", "approved", ["foodstuff-not-food"]);
    expect(await chats({ type: "sector", sectorId: "food" })).toEqual([1]);
    expect(await chats({ type: "province", province: "Lào Cai" })).toEqual([2]);
    await db.updateTable("users").set({ language: "zh" }).where("id", "=", 1).execute();
    expect(await chats({ type: "language", locale: "zh" })).toEqual([1, 2, 5, 8]);
  });
});

describe("creating a broadcast", () => {
  const text = (t: string): BroadcastContent["default"] => ({ type: "text", text: t });

  it("queues one row per recipient with the version in their language, in the same transaction", async () => {
    const content: BroadcastContent = { default: text("Hello"), zh: text("你好") };
    const { id, recipients } = await createBroadcast(
      db,
      { createdBy: 1, content, audience: { type: "all" }, sendAt: now, defaultLocale: "vi" },
      now,
    );
    expect(recipients).toBe(9);
    const rows = await db
      .selectFrom("outbox")
      .select(["chat_id", "payload", "state", "dedupe_key"])
      .where("broadcast_id", "=", id)
      .orderBy("chat_id")
      .execute();
    expect(rows.map((r) => JSON.parse(r.payload).version)).toEqual([
      "default",
      "zh",
      "default",
      "default",
      "zh",
      "default",
      "default",
      "zh",
      "default",
    ]);
    expect(new Set(rows.map((r) => r.state))).toEqual(new Set(["queued"]));
    expect(rows[0]!.dedupe_key).toBe(`broadcast:${id}:1`);
  });

  it("refuses a text over 4096 or a caption over 1024 characters before queuing anything", async () => {
    const tooLong = { default: text("x".repeat(4097)) };
    await expect(
      createBroadcast(db, { createdBy: 1, content: tooLong, audience: { type: "all" }, sendAt: now, defaultLocale: "vi" }, now),
    ).rejects.toMatchObject({
      problem: { kind: "too_long", version: "default", limit: 4096, length: 4097 },
    });
    const caption = { default: text("ok"), en: { type: "photo" as const, fileId: "f", caption: "y".repeat(1025) } };
    await expect(
      createBroadcast(db, { createdBy: 1, content: caption, audience: { type: "all" }, sendAt: now, defaultLocale: "vi" }, now),
    ).rejects.toBeInstanceOf(BroadcastRefused);
    expect(await db.selectFrom("outbox").select("id").execute()).toEqual([]);
    expect(await db.selectFrom("broadcasts").select("id").execute()).toEqual([]);
  });

  it("refuses an audience nobody is in", async () => {
    await expect(
      createBroadcast(
        db,
        {
          createdBy: 1,
          content: { default: text("Hi") },
          audience: { type: "sector", sectorId: "finance" },
          sendAt: now,
          defaultLocale: "vi",
        },
        now,
      ),
    ).rejects.toMatchObject({ problem: { kind: "no_recipients" } });
  });

  it("holds a scheduled broadcast's rows until its time", async () => {
    const later = new Date(now.getTime() + 3_600_000);
    const { id } = await createBroadcast(
      db,
      { createdBy: 1, content: { default: text("Later") }, audience: { type: "all" }, sendAt: later, defaultLocale: "vi" },
      now,
    );
    const row = await db.selectFrom("broadcasts").select(["status", "send_at"]).where("id", "=", id).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: "scheduled", send_at: later.toISOString() });
    const due = await db.selectFrom("outbox").select("id").where("not_before", "<=", now.toISOString()).execute();
    expect(due).toEqual([]);
  });
});

describe("outbox retention", () => {
  const text = (t: string): BroadcastContent["default"] => ({ type: "text", text: t });
  const DAY = 86_400_000;
  const finish = (id: number, at: Date) =>
    db.updateTable("outbox").set({ state: "sent", updated_at: at.toISOString() }).where("broadcast_id", "=", id).execute();

  it("purges a reported broadcast's old rows and keeps its figures; keeps a broadcast's rows until it is reported", async () => {
    const old = new Date(now.getTime() - 100 * DAY);
    const reported = await createBroadcast(
      db,
      { createdBy: 1, content: { default: text("A") }, audience: { type: "all" }, sendAt: old, defaultLocale: "vi" },
      old,
    );
    const unreported = await createBroadcast(
      db,
      { createdBy: 1, content: { default: text("B") }, audience: { type: "all" }, sendAt: old, defaultLocale: "vi" },
      old,
    );
    await finish(reported.id, old);
    await finish(unreported.id, old);
    await markReported(db, reported.id, old.toISOString(), await countStates(db, reported.id));

    expect(await purgeFinishedBefore(db, new Date(now.getTime() - 90 * DAY).toISOString())).toBe(9);
    expect((await countStates(db, reported.id)).sent).toBe(0);
    expect((await broadcastCounts(db, (await findBroadcast(db, reported.id))!)).sent).toBe(9);
    expect((await countStates(db, unreported.id)).sent).toBe(9);
  });

  it("keeps rows younger than the retention and rows not finished", async () => {
    const recent = new Date(now.getTime() - 10 * DAY);
    const old = new Date(now.getTime() - 100 * DAY);
    const { id } = await createBroadcast(
      db,
      { createdBy: 1, content: { default: text("C") }, audience: { type: "all" }, sendAt: recent, defaultLocale: "vi" },
      recent,
    );
    await finish(id, recent);
    await markReported(db, id, recent.toISOString(), await countStates(db, id));
    const waiting = await createBroadcast(
      db,
      { createdBy: 1, content: { default: text("D") }, audience: { type: "all" }, sendAt: old, defaultLocale: "vi" },
      old,
    );
    await markReported(db, waiting.id, old.toISOString(), await countStates(db, waiting.id));
    expect(await purgeFinishedBefore(db, new Date(now.getTime() - 90 * DAY).toISOString())).toBe(0);
    expect((await countStates(db, id)).sent).toBe(9);
    expect((await countStates(db, waiting.id)).queued).toBe(9);
  });
});
