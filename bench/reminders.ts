/**
 * Reminder tick benchmark (report only, never asserts the targets).
 *
 * A demo database plus two fairs of our own and USERS users (100,000) with 1–3 subscriptions each
 * (all fairs, a fair, a sector, a province). At the measured moment two fairs are in a reminder
 * window: "due-fair", followed by DUE users (10,000) who have not had its reminder, and "busy-fair",
 * whose every follower (about 35,000) had it at earlier ticks. So a tick looks at ~45,000 followers.
 *   1. a tick that finds 10,000 due: chooses, records and queues them in the outbox (nothing sent)
 *   2. the same moment again: finds nothing due (every follower looked at, all already recorded,
 *      and the 10,000 queued rows checked for staleness)
 *   3. a quiet moment, no fair in a window: finds nothing due (the 10,000 still queued are checked)
 * Each timing is one run, in this process, on a file database (WAL) in the temp folder.
 * Env: REMINDER_USERS (100000), REMINDER_DUE (10000).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { sql } from "kysely";
import { createLogger } from "../src/logger.js";
import { createCatalogCache } from "../src/modules/catalog/catalog.service.js";
import { importDataset, parseDataset } from "../src/modules/catalog/dataset-import.service.js";
import { runDueReminders } from "../src/modules/reminders/reminders.job.js";
import { createDatabase } from "../src/platform/db/connection.js";
import { migrateToLatest } from "../src/platform/db/migrate.js";
import { createI18n } from "../src/platform/telegram/i18n.js";

const USERS = Number(process.env.REMINDER_USERS ?? 100_000);
const DUE = Number(process.env.REMINDER_DUE ?? 10_000);
const DEMO = path.resolve(import.meta.dirname, "../src/data/demo-dataset.json");
// Deadline of due-fair 8 Feb 2027 10:00 (+07): its 7-day reminder is due from 1 Feb 10:00.
const DUE_AT = new Date("2027-02-01T10:00:00+07:00");
const QUIET_AT = new Date("2027-01-20T10:00:00+07:00");

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "reminders-bench-"));
const db = createDatabase(path.join(dir, "bench.sqlite"));

function fair(id: string, province: string, deadline: string, startsOn: string, sectors: string[]) {
  const text = (s: string) => ({ vi: s, zh: s, en: s });
  return {
    id,
    kind: "fair",
    name: text(id),
    city: text("City"),
    venue: text("Hall"),
    province,
    starts_on: startsOn,
    ends_on: startsOn,
    registration_deadline: deadline,
    booth_capacity: 100,
    organizer: text("Org"),
    sectors,
    aliases: [],
  };
}

async function seed(): Promise<void> {
  await migrateToLatest(db);
  await importDataset(db, parseDataset(JSON.parse(fs.readFileSync(DEMO, "utf8"))), new Date("2026-11-23T02:00:00Z"));
  const fairs = [
    fair("due-fair", "Cao Bằng", "2027-02-08T10:00:00+07:00", "2027-03-20", ["textiles"]),
    fair("busy-fair", "Hà Giang", "2027-02-05T10:00:00+07:00", "2027-03-25", ["finance"]),
  ];
  await importDataset(
    db,
    parseDataset({ format: "trade-office-dataset/1", sectors: {}, contacts: [], border_gates: [], fairs }),
    new Date("2026-12-01T02:00:00Z"),
  );
  const at = "2026-12-01T03:00:00.000Z";
  const languages = ["vi", "zh", "en"];
  const quietSectors = ["agriculture", "machinery", "energy", "forestry"];
  const quietFairs = ["vn-cn-mongcai-2027", "green-industry-langson-2027"];
  const busy = (id: number) => id % 3 === 0;
  await db.transaction().execute(async (trx) => {
    const users = [];
    const subscriptions: Array<{
      user_id: number;
      topic: "all" | "fair" | "sector" | "province";
      value: string;
      created_at: string;
    }> = [];
    for (let id = 1; id <= USERS; id++) {
      users.push({
        id,
        first_name: `U${id}`,
        username: null,
        language_code: languages[id % 3]!,
        language: null,
        first_seen: at,
        last_seen: at,
      });
      if (id <= DUE) subscriptions.push({ user_id: id, topic: "fair", value: "due-fair", created_at: at });
      else if (busy(id))
        subscriptions.push({
          user_id: id,
          topic: id % 2 ? "sector" : "province",
          value: id % 2 ? "finance" : "Hà Giang",
          created_at: at,
        });
      else subscriptions.push({ user_id: id, topic: "fair", value: quietFairs[id % 2]!, created_at: at });
      subscriptions.push({ user_id: id, topic: "sector", value: quietSectors[id % 4]!, created_at: at });
      if (id % 5 === 0) subscriptions.push({ user_id: id, topic: "province", value: "Quảng Ninh", created_at: at });
    }
    for (let i = 0; i < users.length; i += 1000)
      await trx
        .insertInto("users")
        .values(users.slice(i, i + 1000))
        .execute();
    for (let i = 0; i < subscriptions.length; i += 1000)
      await trx
        .insertInto("subscriptions")
        .values(subscriptions.slice(i, i + 1000))
        .execute();
    const delivered = [];
    for (let id = DUE + 1; id <= USERS; id++) {
      if (busy(id))
        delivered.push({ user_id: id, fair_id: "busy-fair", kind: "deadline_7d" as const, not_before: at, created_at: at });
    }
    for (let i = 0; i < delivered.length; i += 1000)
      await trx
        .insertInto("reminder_deliveries")
        .values(delivered.slice(i, i + 1000))
        .execute();
  });
  await sql`analyze`.execute(db);
}

const deps = {
  db,
  config: { timezone: "Asia/Ho_Chi_Minh", defaultLocale: "vi" as const },
  i18n: createI18n("vi"),
  catalog: createCatalogCache(db),
  logger: createLogger("silent"),
};

/** One tick, as the bot runs it: stale check, choice, records and outbox rows (nothing is sent). */
async function timed(label: string, now: Date): Promise<{ label: string; ms: number; due: number; queued: number }> {
  const start = performance.now();
  const tick = await runDueReminders(deps, now);
  return { label, ms: performance.now() - start, due: tick.chosen.length, queued: tick.queued };
}

const seedStart = performance.now();
await seed();
const counts = await db
  .selectFrom("subscriptions")
  .select((eb) => eb.fn.countAll<number>().as("n"))
  .executeTakeFirstOrThrow();
console.log(
  `${USERS} users, ${counts.n} subscriptions, seeded in ${((performance.now() - seedStart) / 1000).toFixed(1)} s, node ${process.version}`,
);
await deps.catalog.get();
const results = [
  await timed(`tick finding ${DUE} due (enqueue only)`, DUE_AT),
  await timed("same moment again: nothing due", DUE_AT),
  await timed("quiet moment: nothing due", QUIET_AT),
];
for (const r of results)
  console.log(
    `${r.label.padEnd(36)} ${String(r.due).padStart(6)} due ${String(r.queued).padStart(6)} queued ${r.ms.toFixed(0).padStart(6)} ms`,
  );
const [due, again, quiet] = results as [(typeof results)[0], (typeof results)[0], (typeof results)[0]];
console.log(
  `targets: nothing due < 1000 ms (${Math.max(again.ms, quiet.ms).toFixed(0)} ms), ${DUE} due < 3000 ms (${due.ms.toFixed(0)} ms)`,
);
await db.destroy();
fs.rmSync(dir, { recursive: true, force: true });
