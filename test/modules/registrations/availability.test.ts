import fs from "node:fs";
import path from "node:path";
import { sql } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { RegistrationStatus } from "../../../src/domain/registration.js";
import { cachedFairAvailability, fairAvailability } from "../../../src/modules/registrations/availability.service.js";
import { listWaitlist } from "../../../src/modules/registrations/registrations.repository.js";
import { boothsLeft } from "../../../src/modules/registrations/registrations.service.js";
import { createDatabase, type DB } from "../../../src/platform/db/connection.js";
import { demoDatabase, TEST_NOW } from "../../helpers/app.js";
import { insertTestRegistration } from "../../helpers/registrations.js";
import { seedUsers } from "../../helpers/users.js";

const NOW = new Date(TEST_NOW);
const USER = 5000;

let db: DB;
let dir: string;
let file: string;

beforeEach(async () => {
  const demo = await demoDatabase();
  db = demo.db;
  file = demo.file;
  dir = path.dirname(demo.file);
  await seedUsers(db, USER, 1);
});
afterEach(async () => {
  await db.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
});

const register = (fairId: string, status: RegistrationStatus, booths: number, offeredBooths?: number) =>
  insertTestRegistration(db, NOW, { fairId, userId: USER, status, booths, offeredBooths });

const setCapacity = (fairId: string, capacity: number) =>
  sql`update fairs set booth_capacity = ${capacity} where id = ${fairId}`.execute(db);

describe("fairAvailability", () => {
  it("agrees with boothsLeft, the waitlist and the capacity at every fair", async () => {
    // Untouched: vn-cn-langson-2026 has no registrations at all.
    // Every status, of which only pending, approved and offered hold booths.
    for (const status of ["pending", "approved", "rejected", "cancelled", "expired"] as const)
      await register("vn-cn-laocai-2026", status, 3);
    // An offer holds the booths offered, not the booths first asked for.
    await register("vn-cn-mongcai-2027", "approved", 5);
    await register("vn-cn-mongcai-2027", "offered", 4, 2);
    // Booths free, yet promised to those waiting: none for a newcomer.
    await setCapacity("green-industry-langson-2027", 10);
    await register("green-industry-langson-2027", "approved", 4);
    await register("green-industry-langson-2027", "waitlisted", 3);
    await register("green-industry-langson-2027", "waitlisted", 1);
    // Capacity lowered below what is already held: nothing left, never less.
    await setCapacity("quangninh-nanning-seminar-2027", 3);
    await register("quangninh-nanning-seminar-2027", "pending", 2);
    await register("quangninh-nanning-seminar-2027", "approved", 2);
    // Exactly full.
    await setCapacity("honghe-hekou-2026", 6);
    await register("honghe-hekou-2026", "approved", 6);

    const fairs = await db.selectFrom("fairs").select(["id", "booth_capacity"]).execute();
    const availability = await fairAvailability(
      db,
      fairs.map((fair) => fair.id),
    );
    expect(availability.size).toBe(fairs.length);
    for (const fair of fairs) {
      expect(availability.get(fair.id), fair.id).toEqual({
        left: await boothsLeft(db, fair.id),
        capacity: fair.booth_capacity,
        waiting: (await listWaitlist(db, fair.id)).length,
      });
    }
    // The scenarios above in figures, so that agreement cannot hide a mistake both make.
    expect(availability.get("vn-cn-langson-2026")).toEqual({ left: 240, capacity: 240, waiting: 0 });
    expect(availability.get("vn-cn-laocai-2026")).toEqual({ left: 294, capacity: 300, waiting: 0 });
    expect(availability.get("vn-cn-mongcai-2027")).toEqual({ left: 243, capacity: 250, waiting: 0 });
    expect(availability.get("green-industry-langson-2027")).toEqual({ left: 0, capacity: 10, waiting: 2 });
    expect(availability.get("quangninh-nanning-seminar-2027")).toEqual({ left: 0, capacity: 3, waiting: 0 });
    expect(availability.get("honghe-hekou-2026")).toEqual({ left: 0, capacity: 6, waiting: 0 });
  });

  it("answers only for the fairs asked about, leaving out unknown ones", async () => {
    await register("vn-cn-laocai-2026", "approved", 3);
    const availability = await fairAvailability(db, ["vn-cn-laocai-2026", "gone-fair-2020"]);
    expect([...availability.keys()]).toEqual(["vn-cn-laocai-2026"]);
    expect(await fairAvailability(db, [])).toEqual(new Map());
  });
});

describe("cachedFairAvailability", () => {
  const FAIR = "vn-cn-laocai-2026";
  const read = async () => (await cachedFairAvailability(db, [FAIR], "v1")).get(FAIR)!.left;

  it("shows a registration written by this process at the next read", async () => {
    const before = await read();
    await register(FAIR, "pending", 2);
    expect(await read()).toBe(before - 2);
  });

  it("shows a registration another process wrote (another connection to the same file)", async () => {
    const before = await read();
    const other = createDatabase(file);
    try {
      await insertTestRegistration(other, NOW, { fairId: FAIR, userId: USER, status: "approved", booths: 3 });
    } finally {
      await other.destroy();
    }
    expect(await read()).toBe(before - 3);
  });

  it("reads again for another catalog version (an import may have changed the capacity)", async () => {
    const before = await read();
    await setCapacity(FAIR, 10);
    expect((await cachedFairAvailability(db, [FAIR], "v2")).get(FAIR)!.left).not.toBe(before);
  });
});
