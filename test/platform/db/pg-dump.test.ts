import { describe, expect, it } from "vitest";
import { pgDumpCommand, pgRestoreCommand } from "../../../src/platform/db/pg-dump.js";

const URL = "postgres://bot:s3cr%40t@db.example.vn:5432/border_bot";

describe("the PostgreSQL backup commands", () => {
  it("runs pg_dump in its custom format with the password in PGPASSWORD, never on the command line", () => {
    const dump = pgDumpCommand(URL, "/backups/2026-12-02T10-00-00Z/database.pgdump");
    expect(dump.command).toBe("pg_dump");
    expect(dump.args).toContain("--format=custom");
    expect(dump.args).toContain("--file=/backups/2026-12-02T10-00-00Z/database.pgdump");
    expect(dump.args).toContain("--dbname=postgres://bot@db.example.vn:5432/border_bot");
    expect(dump.env).toEqual({ PGPASSWORD: "s3cr@t" });
    expect(dump.printable).not.toContain("s3cr");
    expect(dump.printable).toBe(
      "pg_dump --format=custom --no-owner --no-privileges --file=/backups/2026-12-02T10-00-00Z/database.pgdump --dbname=postgres://bot@db.example.vn:5432/border_bot",
    );
  });

  it("restores with pg_restore in one transaction, replacing the tables", () => {
    const restore = pgRestoreCommand("postgresql://bot@localhost/border_bot", "my backup/database.pgdump");
    expect(restore.env).toEqual({});
    expect(restore.printable).toBe(
      "pg_restore --clean --if-exists --no-owner --no-privileges --single-transaction --dbname=postgresql://bot@localhost/border_bot 'my backup/database.pgdump'",
    );
  });
});
