import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  deleteConversation,
  deleteConversationsBefore,
  readConversation,
  writeConversation,
} from "../../src/bot/conversation-store.js";
import { createDatabase, type DB } from "../../src/platform/db/connection.js";
import { migrateToLatest } from "../../src/platform/db/migrate.js";
import { tempDatabasePath } from "../helpers/app.js";

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));
const T0 = new Date("2026-11-23T02:00:00Z");

let file: string;
let db: DB;
beforeEach(async () => {
  file = tempDatabasePath();
  db = createDatabase(file);
  await migrateToLatest(db);
});
afterEach(async () => {
  await db.destroy();
});

// Reads are served from memory after the first: these prove memory never hides a change.
describe("conversation state", () => {
  it("reads back what this handle wrote and deleted", async () => {
    expect(await readConversation(db, "7")).toBeUndefined();
    await writeConversation(db, "7", '{"step":1}', T0);
    expect(await readConversation(db, "7")).toBe('{"step":1}');
    await writeConversation(db, "7", '{"step":2}', T0);
    expect(await readConversation(db, "7")).toBe('{"step":2}');
    await deleteConversation(db, "7");
    expect(await readConversation(db, "7")).toBeUndefined();
  });

  // Another process's commit reaches this one in a later turn of the event loop, never in the same.
  it("sees a write made through another connection to the same file", async () => {
    expect(await readConversation(db, "7")).toBeUndefined();
    const other = createDatabase(file);
    await writeConversation(other, "7", '{"step":3}', T0);
    await nextTurn();
    expect(await readConversation(db, "7")).toBe('{"step":3}');
    await deleteConversation(other, "7");
    await nextTurn();
    expect(await readConversation(db, "7")).toBeUndefined();
    await other.destroy();
  });

  it("forgets purged forms", async () => {
    await writeConversation(db, "7", '{"step":1}', T0);
    expect(await readConversation(db, "7")).toBe('{"step":1}');
    expect(await deleteConversationsBefore(db, new Date(T0.getTime() + 1))).toBe(1);
    expect(await readConversation(db, "7")).toBeUndefined();
  });
});
