import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { findUser, setUserLanguage, syncAdmins, touchUser } from "../../../src/modules/people/users.repository.js";
import { createDatabase, type DB } from "../../../src/platform/db/connection.js";
import { migrateToLatest } from "../../../src/platform/db/migrate.js";

const T0 = new Date("2026-11-23T02:00:00Z");
const later = (ms: number) => new Date(T0.getTime() + ms);
const lan = { id: 501, first_name: "Lan", language_code: "en" };

let db: DB;
beforeEach(async () => {
  db = createDatabase(":memory:");
  await migrateToLatest(db);
});
afterEach(async () => {
  await db.destroy();
});

describe("touchUser", () => {
  it("creates a first-timer with first_seen and last_seen now", async () => {
    const row = await touchUser(db, lan, T0);
    expect(row).toMatchObject({ id: 501, first_name: "Lan", language_code: "en", language: null, role: "business" });
    expect(await findUser(db, 501)).toMatchObject({ first_seen: T0.toISOString(), last_seen: T0.toISOString() });
  });

  it("writes last_seen and the profile at most once a minute", async () => {
    await touchUser(db, lan, T0);
    await touchUser(db, { ...lan, first_name: "Lan Anh" }, later(30_000));
    expect(await findUser(db, 501)).toMatchObject({ first_name: "Lan", last_seen: T0.toISOString() });
    await touchUser(db, { ...lan, first_name: "Lan Anh" }, later(61_000));
    expect(await findUser(db, 501)).toMatchObject({ first_name: "Lan Anh", last_seen: later(61_000).toISOString() });
  });

  it("sees a language chosen with setUserLanguage at once", async () => {
    await touchUser(db, lan, T0);
    await setUserLanguage(db, 501, "zh");
    expect((await touchUser(db, lan, later(1000))).language).toBe("zh");
  });

  it("sees a role given by syncAdmins at once", async () => {
    await touchUser(db, lan, T0);
    await syncAdmins(db, [501], later(1000));
    expect((await touchUser(db, lan, later(2000))).role).toBe("admin");
    await syncAdmins(db, [], later(3000));
    expect((await touchUser(db, lan, later(4000))).role).toBe("staff");
  });

  it("sees a change made outside the repository within a minute", async () => {
    await touchUser(db, lan, T0);
    await db.updateTable("users").set({ language: "vi" }).where("id", "=", 501).execute();
    expect((await touchUser(db, lan, later(61_000))).language).toBe("vi");
  });

  it("keeps users of different databases apart", async () => {
    await touchUser(db, lan, T0);
    await setUserLanguage(db, 501, "zh");
    const other = createDatabase(":memory:");
    await migrateToLatest(other);
    expect((await touchUser(other, lan, T0)).language).toBeNull();
    expect(await findUser(other, 501)).toBeDefined();
    await other.destroy();
  });

  it("returns a copy, so changing it does not change what the next update sees", async () => {
    const row = await touchUser(db, lan, T0);
    row.language = "vi";
    expect((await touchUser(db, lan, later(1000))).language).toBeNull();
  });
});
