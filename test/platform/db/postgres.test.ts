import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openCheckedDatabase } from "../../../src/platform/db/check.js";
import { createDatabase, type DB } from "../../../src/platform/db/connection.js";
import { migrateToLatest } from "../../../src/platform/db/migrate.js";
import { freshPostgresDatabase, TEST_SERVER_URL } from "../../helpers/databases.js";

let db: DB;
let url: string;
beforeAll(async () => {
  url = await freshPostgresDatabase();
  db = createDatabase(url);
  await migrateToLatest(db);
});
afterAll(async () => db?.destroy());

describe("the bot's database on PostgreSQL", () => {
  it("keeps a supergroup's id, which overflows a 32-bit integer, and reads it back as a number", async () => {
    const group = -1001234567890;
    await db
      .insertInto("outbox")
      .values({
        kind: "text",
        dedupe_key: "g",
        chat_id: group,
        payload: "{}",
        not_before: "2026-12-01T00:00:00Z",
        created_at: "x",
        updated_at: "x",
      })
      .execute();
    const row = await db.selectFrom("outbox").select(["id", "chat_id"]).where("dedupe_key", "=", "g").executeTakeFirstOrThrow();
    expect(row.chat_id).toBe(group);
    expect(typeof row.id).toBe("number");
    const count = await db
      .selectFrom("outbox")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    expect(count.n).toBe(1);
  });

  it("writes default times in the same form as SQLite", async () => {
    await db.insertInto("sectors").values({ id: "s", name: "{}" }).execute();
    const row = await db.selectFrom("sectors").select("updated_at").executeTakeFirstOrThrow();
    expect(row.updated_at).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
  });

  it("refuses to start on a server it cannot reach, naming it without the password", async () => {
    const unreachable = "postgres://bot:s3cret@127.0.0.1:1/bot";
    await expect(openCheckedDatabase(unreachable, "DATABASE_URL")).rejects.toThrow(
      /DATABASE_URL points to postgres:\/\/bot:\*\*\*@127\.0\.0\.1:1\/bot, which cannot be reached/,
    );
  });

  it("refuses another program's database", async () => {
    const other = await freshPostgresDatabase();
    const foreign = createDatabase(other);
    await foreign.schema.createTable("invoices").addColumn("id", "integer").execute();
    await foreign.destroy();
    await expect(openCheckedDatabase(other, "DATABASE_URL")).rejects.toThrow(/another program's database/);
    expect(TEST_SERVER_URL).toMatch(/^postgres/);
  });
});
