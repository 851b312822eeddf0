import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createDatabase, type DB } from "../../../src/platform/db/connection.js";
import { ReadCache } from "../../../src/platform/db/read-cache.js";
import { tempDatabasePath } from "../../helpers/app.js";

let db: DB;
let cache: ReadCache<string, string>;
let loads: number;
const load = (value: string) => async () => {
  loads++;
  return value;
};
beforeEach(() => {
  db = createDatabase(":memory:");
  cache = new ReadCache(db, 2);
  loads = 0;
});
afterEach(async () => {
  await db.destroy();
});

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe("ReadCache", () => {
  it("loads a key once, then answers from memory", async () => {
    expect(await cache.read("a", load("1"))).toBe("1");
    expect(await cache.read("a", load("2"))).toBe("1");
    expect(loads).toBe(1);
  });

  it("evicts the least recently used key past its size", async () => {
    await cache.read("a", load("a"));
    await cache.read("b", load("b"));
    await cache.read("a", load("a"));
    await cache.read("c", load("c"));
    loads = 0;
    expect(await cache.read("a", load("a2"))).toBe("a");
    expect(await cache.read("b", load("b2"))).toBe("b2");
    expect(loads).toBe(1);
  });

  it("does not keep a read that a write overtook", async () => {
    const slow = deferred<string>();
    const reading = cache.read("a", () => slow.promise);
    await cache.change("a", async () => undefined);
    slow.resolve("before the write");
    expect(await reading).toBe("before the write");
    expect(await cache.read("a", load("after the write"))).toBe("after the write");
  });

  it("does not keep a read made while a write was under way", async () => {
    const write = deferred<void>();
    const writing = cache.change("a", () => write.promise);
    expect(await cache.read("a", load("before the write"))).toBe("before the write");
    write.resolve();
    await writing;
    expect(await cache.read("a", load("after the write"))).toBe("after the write");
  });

  it("is emptied when another connection commits, from the next turn of the event loop", async () => {
    const file = tempDatabasePath();
    const mine = createDatabase(file);
    const other = createDatabase(file);
    const shared = new ReadCache<string, string>(mine, 10);
    await shared.read("a", load("1"));
    await other.schema.createTable("t").addColumn("x", "integer").execute();
    await new Promise((resolve) => setImmediate(resolve));
    expect(await shared.read("a", load("2"))).toBe("2");
    await Promise.all([mine.destroy(), other.destroy()]);
  });
});
