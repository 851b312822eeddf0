import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { createInterface } from "node:readline";
import { sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { touchUser } from "../../../src/modules/people/people.service.js";
import { boothsHeld, listFairRegistrations, listWaitlist } from "../../../src/modules/registrations/registrations.repository.js";
import {
  boothsLeft,
  type RegistrationDraft,
  type SubmitResult,
  submitRegistration,
} from "../../../src/modules/registrations/registrations.service.js";
import type { DB } from "../../../src/platform/db/connection.js";
import { demoDatabase, TEST_NOW } from "../../helpers/app.js";
import { ROOT } from "../../helpers/process.js";

const FAIR = "vn-cn-laocai-2026";
const NOW = new Date(TEST_NOW);
const SIGN_UPS = 50;

let db: DB | undefined;
let dir: string | undefined;
let worker: ChildProcess | undefined;
afterEach(async () => {
  if (worker && worker.exitCode === null) worker.kill("SIGKILL");
  worker = undefined;
  await db?.destroy();
  db = undefined;
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

const userId = (n: number) => 10_000 + n;

/** A migrated demo database whose Lào Cai fair has exactly `left` booths free, and the 50 applicants as users. */
async function fairWithBoothsLeft(left: number): Promise<{ db: DB; file: string }> {
  const demo = await demoDatabase();
  dir = path.dirname(demo.file);
  for (let n = 1; n <= SIGN_UPS; n++) await touchUser(demo.db, { id: userId(n), first_name: `Applicant ${n}` }, NOW);
  await sql`update fairs set booth_capacity = ${left} where id = ${FAIR}`.execute(demo.db);
  expect(await boothsLeft(demo.db, FAIR)).toBe(left);
  return demo;
}

// "other" country: registration numbers carry no check digit, so any distinct ids will do.
const draft = (n: number): RegistrationDraft => ({
  fairId: FAIR,
  company: `Company ${n}`,
  country: "other",
  taxId: `CO-${String(n).padStart(4, "0")}`,
  sectors: ["food"],
  booths: 1,
  contactPerson: `Person ${n}`,
  phone: "+8562055551234",
  email: `c${n}@example.com`,
  licence: null,
});
const ALL_TAX_IDS = Array.from({ length: SIGN_UPS }, (_, i) => draft(i + 1).taxId);

type Outcome = { status: string; reference: string; position: number | null; id: number };
const outcome = (result: SubmitResult): Outcome => {
  if (result.kind !== "registered") throw new Error(`sign-up refused: ${result.kind}`);
  const { id, status, reference } = result.registration;
  return { id, status, reference, position: result.position };
};

/** What every applicant and the staff must see once the dust settles: 10 booths taken, 40 in line, nobody lost. */
async function expectTenBookedFortyInLine(outcomes: Outcome[]) {
  const rows = await listFairRegistrations(db!, FAIR);
  expect(rows).toHaveLength(SIGN_UPS);
  expect(rows.filter((r) => r.status === "pending")).toHaveLength(10);
  expect(rows.filter((r) => r.status === "waitlisted")).toHaveLength(40);
  expect(await boothsHeld(db!, FAIR)).toBe(10);
  expect(rows.map((r) => r.tax_id).sort()).toEqual([...ALL_TAX_IDS].sort());
  expect(new Set(rows.map((r) => r.reference)).size).toBe(SIGN_UPS);

  // Each applicant was told the status that is stored, and the waitlisted a place nobody else got.
  expect(outcomes.map((o) => [o.id, o.status]).sort((a, b) => Number(a[0]) - Number(b[0]))).toEqual(
    rows.map((r) => [r.id, r.status]),
  );
  const line = await listWaitlist(db!, FAIR);
  const told = new Map(outcomes.map((o) => [o.id, o.position]));
  expect(line.map((r) => told.get(r.id))).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
  // First confirmed, first served: no one who got a booth confirmed after someone put in the line.
  const booked = rows.filter((r) => r.status === "pending").map((r) => r.id);
  expect(Math.max(...booked)).toBeLessThan(Math.min(...line.map((r) => r.id)));
}

/**
 * Another process (as a second bot instance or a script would be) with its own connection to the
 * same file: it opens the database, says "ready", and on "go" says "started" and submits its drafts
 * all at once.
 */
const WORKER = `
  import { createInterface } from "node:readline";
  import { createDatabase } from "./src/platform/db/connection.ts";
  import { submitRegistration } from "./src/modules/registrations/registrations.service.ts";
  const job = JSON.parse(process.env.SIGN_UP_JOB);
  const db = createDatabase(job.file);
  console.log("ready");
  for await (const line of createInterface({ input: process.stdin })) if (line === "go") break;
  console.log("started");
  const results = await Promise.all(job.drafts.map((draft, i) => submitRegistration(db, job.userIds[i], draft, new Date(job.now))));
  await db.destroy();
  console.log(JSON.stringify(results.map((r) => ({ id: r.registration.id, status: r.registration.status, reference: r.registration.reference, position: r.position }))));
`;

function startWorker(job: { file: string; now: string; drafts: RegistrationDraft[]; userIds: number[] }) {
  const child = (worker = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", WORKER], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? "", SIGN_UP_JOB: JSON.stringify(job) },
    stdio: ["pipe", "pipe", "inherit"],
  }));
  const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  const next = async () => {
    const { value, done } = await lines.next();
    if (done) throw new Error("the sign-up worker stopped early");
    return value;
  };
  return {
    async ready() {
      expect(await next()).toBe("ready");
    },
    /** Resolves once the worker has begun its sign-ups, so the caller's own run overlaps with them. */
    async go() {
      child.stdin!.write("go\n");
      expect(await next()).toBe("started");
    },
    async results(): Promise<Outcome[]> {
      return JSON.parse(await next()) as Outcome[];
    },
  };
}

// The bot holds one connection per process, and Kysely runs one transaction at a time on it. Writers
// that really race for SQLite's lock are separate processes: a second connection in this process would
// block the event loop in SQLite's busy wait while the first one's transaction waits to go on.
describe("sign-ups racing for the last booths", () => {
  it("50 sign-ups in parallel for a fair with 10 booths left: exactly 10 booths confirmed, the rest waitlisted in order, none lost", async () => {
    ({ db } = await fairWithBoothsLeft(10));
    const results = await Promise.all(
      Array.from({ length: SIGN_UPS }, (_, i) => submitRegistration(db!, userId(i + 1), draft(i + 1), NOW)),
    );
    await expectTenBookedFortyInLine(results.map(outcome));
  });

  it("25 sign-ups from this process and 25 from another process at the same time: still 10 booked, 40 in line, none lost", {
    timeout: 30_000,
  }, async () => {
    const demo = await fairWithBoothsLeft(10);
    db = demo.db;
    const mine = Array.from({ length: 25 }, (_, i) => i * 2 + 1);
    const theirs = Array.from({ length: 25 }, (_, i) => i * 2 + 2);
    const other = startWorker({ file: demo.file, now: TEST_NOW, drafts: theirs.map(draft), userIds: theirs.map(userId) });
    await other.ready();

    await other.go();
    const own = await Promise.all(mine.map((n) => submitRegistration(db!, userId(n), draft(n), NOW)));
    const outcomes = [...own.map(outcome), ...(await other.results())];

    await expectTenBookedFortyInLine(outcomes);
  });
});
