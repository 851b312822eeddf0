import type { Kysely } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { fixedClock } from "../../../src/clock.js";
import { createLogger } from "../../../src/logger.js";
import { createCatalogCache } from "../../../src/modules/catalog/catalog.service.js";
import { type ReminderDeps, runDueReminders } from "../../../src/modules/reminders/reminders.job.js";
import { createDatabase } from "../../../src/platform/db/connection.js";
import type { Database } from "../../../src/platform/db/schema.js";
import type { OutgoingMessage, Transport } from "../../../src/platform/outbox/message.js";
import { createPacer } from "../../../src/platform/outbox/pacer.js";
import { createOutboxSender } from "../../../src/platform/outbox/sender.js";
import { createI18n } from "../../../src/platform/telegram/i18n.js";
import { demoDatabase } from "../../helpers/app.js";
import { insertTestRegistration } from "../../helpers/registrations.js";
import { addFollower, fairTopic, publishFair, TEST_FAIR } from "../../helpers/reminders.js";

const FAIR = TEST_FAIR.id;
const SEVEN_DAYS = "2027-01-25T10:00:00+07:00";
const i18n = createI18n("vi");
const logger = createLogger("silent");

let db: Kysely<Database>;
let file: string;
beforeEach(async () => {
  ({ db, file } = await demoDatabase());
  await publishFair(db, "2027-01-10T09:00:00+07:00");
});
afterEach(async () => db.destroy());

const depsOn = (on: Kysely<Database>): ReminderDeps => ({
  db: on,
  config: { timezone: "Asia/Ho_Chi_Minh", defaultLocale: "vi" },
  i18n,
  catalog: createCatalogCache(on),
  logger,
});
const tick = (iso: string, on = db) => runDueReminders(depsOn(on), new Date(iso));

const queuedRows = () =>
  db.selectFrom("outbox").selectAll().where("dedupe_key", "like", "reminder:%").orderBy("chat_id").execute();

/** A transport that records what reaches each chat. */
function recordingTransport() {
  const sent: Array<{ chatId: number; message: OutgoingMessage }> = [];
  const transport: Transport = {
    async send(chatId, message) {
      sent.push({ chatId, message });
      return { kind: "sent", messageId: sent.length };
    },
    async editText(_chatId, messageId) {
      return { kind: "sent", messageId };
    },
  };
  return { sent, transport };
}

/** Runs the outbox sender at `iso` until nothing due is left queued or in flight. */
async function drain(on: Kysely<Database>, transport: Transport, iso: string): Promise<void> {
  const sender = createOutboxSender({
    db: on,
    transport,
    pacer: createPacer({ rate: 1000, chatIntervalMs: 0 }),
    clock: fixedClock(iso),
    logger,
    idleMs: 20,
  });
  await sender.start();
  for (let i = 0; i < 200; i++) {
    const left = await on
      .selectFrom("outbox")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where((eb) =>
        eb.or([
          eb("state", "=", "sending"),
          eb.and([eb("state", "=", "queued"), eb("not_before", "<=", new Date(iso).toISOString())]),
        ]),
      )
      .executeTakeFirstOrThrow();
    if (Number(left.n) === 0) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  await sender.stop();
}

describe("a reminder tick", () => {
  it("queues each reminder in the outbox in the user's language, with Open, Register and Add to calendar", async () => {
    await addFollower(db, { id: 1, language: "zh" }, [fairTopic(FAIR)]);
    await addFollower(db, { id: 2, language_code: "en-US" }, [fairTopic(FAIR)]);
    const { queued } = await tick(SEVEN_DAYS);
    expect(queued).toBe(2);
    const [zh, en] = await queuedRows();
    expect(zh).toMatchObject({
      chat_id: 1,
      kind: "message",
      dedupe_key: `reminder:1:${FAIR}:deadline_7d`,
      state: "queued",
      not_before: "2027-01-25T03:00:00.000Z",
    });
    const message = JSON.parse(zh!.payload) as Extract<OutgoingMessage, { type: "text" }>;
    expect(message.text).toContain("报名即将截止");
    expect(message.text).toContain("测试博览会2027");
    expect(message.text).toContain("还剩7天");
    expect(message.markup?.inline_keyboard.flat().map((b) => ("callback_data" in b ? b.callback_data : ""))).toEqual([
      `fair:${FAIR}`,
      `reg:${FAIR}`,
      `cal:${FAIR}`,
    ]);
    expect(JSON.parse(en!.payload).text).toContain("Registration closes soon");
  });

  it("words a reminder held by quiet hours for the morning it is read, and leaves Register out once closed", async () => {
    await addFollower(db, { id: 1, language: "en" }, [fairTopic(FAIR)]);
    await tick("2027-02-09T00:00:00+07:00");
    const [row] = await queuedRows();
    expect(row?.not_before).toBe("2027-02-09T00:30:00.000Z");
    const message = JSON.parse(row!.payload) as Extract<OutgoingMessage, { type: "text" }>;
    expect(message.text).toContain("Test Fair 2027</b> opens tomorrow");
    expect(message.markup?.inline_keyboard.flat().map((b) => ("callback_data" in b ? b.callback_data : ""))).toEqual([
      `fair:${FAIR}`,
      `cal:${FAIR}`,
    ]);
  });

  it("two ticks at the same moment queue each reminder once", async () => {
    for (let id = 1; id <= 20; id++) await addFollower(db, { id }, [fairTopic(FAIR)]);
    const ticks = await Promise.all([tick(SEVEN_DAYS), tick(SEVEN_DAYS), tick(SEVEN_DAYS)]);
    expect(ticks.map((t) => t.queued).reduce((a, b) => a + b)).toBe(20);
    expect(await queuedRows()).toHaveLength(20);
  });

  it("a dry run queues nothing", async () => {
    await addFollower(db, { id: 1 }, [fairTopic(FAIR)]);
    const dry = await runDueReminders(depsOn(db), new Date(SEVEN_DAYS), { dryRun: true });
    expect(dry.chosen).toHaveLength(1);
    expect(await queuedRows()).toEqual([]);
  });
});

describe("delivery through the outbox", () => {
  it("a restart between the tick and the sending loses nothing and repeats nothing", async () => {
    for (let id = 1; id <= 5; id++) await addFollower(db, { id, language: "vi" }, [fairTopic(FAIR)]);
    expect((await tick(SEVEN_DAYS)).queued).toBe(5);
    // The process dies here: the reminders are chosen and queued, none sent yet.
    await db.destroy();
    db = createDatabase(file);
    const { sent, transport } = recordingTransport();
    await drain(db, transport, "2027-01-25T10:00:30+07:00");
    expect((await tick("2027-01-25T10:01:00+07:00")).queued).toBe(0);
    await drain(db, transport, "2027-01-25T10:01:30+07:00");
    expect(sent.map((s) => s.chatId).sort()).toEqual([1, 2, 3, 4, 5]);
    expect(sent[0]?.message).toMatchObject({ type: "text", html: true });
  });

  it("quiet hours hold a reminder until 07:30", async () => {
    await addFollower(db, { id: 1 }, [fairTopic(FAIR)]);
    await tick("2027-02-07T00:00:00+07:00");
    const { sent, transport } = recordingTransport();
    await drain(db, transport, "2027-02-07T07:29:00+07:00");
    expect(sent).toEqual([]);
    await drain(db, transport, "2027-02-07T07:30:00+07:00");
    expect(sent.map((s) => s.chatId)).toEqual([1]);
  });

  it("a queued reminder that went stale while the bot was down is cancelled, not sent", async () => {
    await addFollower(db, { id: 1 }, [fairTopic(FAIR)]);
    await tick("2027-01-31T10:00:00+07:00");
    // Down until after the deadline: the next tick cancels it, and chooses nothing new.
    const after = await tick("2027-02-01T11:00:00+07:00");
    expect(after).toMatchObject({ cancelled: 1, queued: 0 });
    const { sent, transport } = recordingTransport();
    await drain(db, transport, "2027-02-01T11:00:30+07:00");
    expect(sent).toEqual([]);
    expect((await queuedRows())[0]).toMatchObject({ state: "cancelled", last_error: "stale reminder" });
  });

  it("a 'deadline near' reminder held for the morning is cancelled if the user registers meanwhile", async () => {
    await publishFair(db, "2027-01-10T09:00:00+07:00", {
      id: "night-deadline-2027",
      registration_deadline: "2027-02-01T23:00:00+07:00",
    });
    await addFollower(db, { id: 1 }, [fairTopic("night-deadline-2027")]);
    await tick("2027-01-31T23:00:00+07:00");
    expect((await queuedRows())[0]?.not_before).toBe("2027-02-01T00:30:00.000Z");
    await insertTestRegistration(db, new Date("2027-01-10T09:00:00+07:00"), {
      fairId: "night-deadline-2027",
      userId: 1,
      status: "pending",
      booths: 1,
    });
    expect((await tick("2027-02-01T01:00:00+07:00")).cancelled).toBe(1);
    const { sent, transport } = recordingTransport();
    await drain(db, transport, "2027-02-01T07:30:00+07:00");
    expect(sent).toEqual([]);
  });
});

describe("one reminder about a fair at a time", () => {
  const keysOf = async () =>
    (await queuedRows()).map((r) => [r.dedupe_key.split(":").at(-1), r.state, r.last_error ?? ""].join(" "));

  it("a 7-day reminder held overnight is dropped when the 1-day one falls due before morning, across a restart", async () => {
    await publishFair(db, "2027-01-10T09:00:00+07:00", {
      id: "dawn-deadline-2027",
      registration_deadline: "2027-02-01T03:00:00+07:00",
    });
    await addFollower(db, { id: 1, language: "en" }, [fairTopic("dawn-deadline-2027")]);
    // 22:00: the 7-day reminder is due, held by quiet hours until 07:30.
    expect((await tick("2027-01-30T22:00:00+07:00")).queued).toBe(1);
    await db.destroy(); // the bot restarts overnight
    db = createDatabase(file);
    // 03:00: 24 hours before the deadline, the 1-day reminder is due, held until the same 07:30.
    expect((await tick("2027-01-31T03:00:00+07:00")).queued).toBe(1);
    const { sent, transport } = recordingTransport();
    await drain(db, transport, "2027-01-31T07:30:00+07:00");
    expect(sent).toHaveLength(1);
    expect(JSON.parse((await queuedRows()).find((r) => r.dedupe_key.endsWith("deadline_1d"))!.payload)).toEqual(sent[0]!.message);
    expect(await keysOf()).toEqual(["deadline_7d cancelled superseded by a more urgent reminder", "deadline_1d sent "]);
  });

  it("when quiet hours end with two kinds due for the same fair, only the most urgent goes, and the other never follows", async () => {
    // Registration closes at 01:00 on 2 Feb, the fair opens on 4 Feb: at 01:00 on 1 Feb both
    // "closes within a day" and "opens in three days" fall due, in the middle of the night.
    await publishFair(db, "2027-01-10T09:00:00+07:00", {
      id: "crowded-night-2027",
      registration_deadline: "2027-02-02T01:00:00+07:00",
      starts_on: "2027-02-04",
      ends_on: "2027-02-05",
    });
    await addFollower(db, { id: 1, language: "en" }, [fairTopic("crowded-night-2027")]);
    const night = await tick("2027-02-01T01:00:00+07:00");
    expect(night.chosen.map((c) => c.kind)).toEqual(["deadline_1d"]);
    const { sent, transport } = recordingTransport();
    await drain(db, transport, "2027-02-01T07:30:00+07:00");
    expect((await tick("2027-02-01T07:31:00+07:00")).queued).toBe(0);
    await drain(db, transport, "2027-02-01T07:31:30+07:00");
    expect(sent).toHaveLength(1);
    expect(await keysOf()).toEqual(["deadline_1d sent "]);
  });
});
