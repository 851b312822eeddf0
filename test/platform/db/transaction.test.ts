import SqliteDatabase from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { openCheckedDatabase } from "../../../src/platform/db/check.js";
import { immediateTransaction, whenNotBusy } from "../../../src/platform/db/transaction.js";
import { tempDatabasePath } from "../../helpers/app.js";

describe("a write transaction while another process holds the lock", () => {
  it("waits without blocking the event loop, then commits", async () => {
    const file = tempDatabasePath();
    const { db } = await openCheckedDatabase(file, "DATABASE_URL");
    const other = new SqliteDatabase(file);
    other.exec("begin immediate");
    setTimeout(() => other.exec("rollback"), 1000);
    let longestGap = 0;
    let last = Date.now();
    const beat = setInterval(() => {
      longestGap = Math.max(longestGap, Date.now() - last);
      last = Date.now();
    }, 10);
    try {
      await immediateTransaction(db, (trx) => trx.insertInto("meta").values({ key: "probe", value: "1" }).execute());
      expect(await db.selectFrom("meta").select("value").where("key", "=", "probe").executeTakeFirst()).toEqual({ value: "1" });
      expect(longestGap).toBeLessThan(400);
    } finally {
      clearInterval(beat);
      other.close();
      await db.destroy();
    }
  });
});

describe("a write that must not be lost while another process holds the lock", () => {
  it("is tried again, without blocking, until the lock is released", async () => {
    const file = tempDatabasePath();
    const { db } = await openCheckedDatabase(file, "DATABASE_URL");
    const other = new SqliteDatabase(file);
    other.exec("begin immediate");
    setTimeout(() => other.exec("rollback"), 600);
    try {
      await whenNotBusy(() => db.insertInto("meta").values({ key: "sent", value: "42" }).execute());
      expect(await db.selectFrom("meta").select("value").where("key", "=", "sent").executeTakeFirst()).toEqual({ value: "42" });
    } finally {
      other.close();
      await db.destroy();
    }
  });
});
