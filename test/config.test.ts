import { describe, expect, it } from "vitest";
import { ConfigError, createConfig } from "../src/config.js";
import { databaseLabel } from "../src/platform/db/postgres.js";

const problemsOf = (env: Record<string, string>): string[] => {
  try {
    createConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
};

describe("configuration", () => {
  it("has working defaults for everything but the token", () => {
    const config = createConfig({});
    expect(config).toMatchObject({
      botToken: undefined,
      telegramApiRoot: "https://api.telegram.org",
      database: "data/bot.sqlite",
      adminIds: [],
      defaultLocale: "vi",
      timezone: "Asia/Ho_Chi_Minh",
      sandboxPort: 8080,
      sandboxDatabasePath: "data/sandbox.sqlite",
      logLevel: "warn",
    });
  });

  it("keeps stored files beside the SQLite file unless DATA_DIR names another folder", () => {
    expect(createConfig({}).dataDir).toBe("data");
    expect(createConfig({ DATABASE_URL: "file:/var/lib/border-bot/bot.sqlite" }).dataDir).toBe("/var/lib/border-bot");
    expect(createConfig({ DATABASE_URL: ":memory:" }).dataDir).toBe("data");
    expect(createConfig({ DATABASE_URL: "file:/var/lib/border-bot/bot.sqlite", DATA_DIR: "/srv/bot-files" }).dataDir).toBe(
      "/srv/bot-files",
    );
  });

  it("logs at info with a token and at warn in the sandbox, unless LOG_LEVEL says otherwise", () => {
    expect(createConfig({ BOT_TOKEN: "123456789:AAEexampleexampleexample_x" }).logLevel).toBe("info");
    expect(createConfig({}).logLevel).toBe("warn");
    expect(createConfig({ LOG_LEVEL: "debug" }).logLevel).toBe("debug");
    expect(createConfig({ LOG_LEVEL: "" }).logLevel).toBe("warn");
  });

  it("reads the sandbox's port and database", () => {
    expect(createConfig({ SANDBOX_PORT: "0", SANDBOX_DATABASE_URL: "file:/tmp/s.sqlite" })).toMatchObject({
      sandboxPort: 0,
      sandboxDatabasePath: "/tmp/s.sqlite",
    });
    expect(createConfig({ SANDBOX_PORT: " " }).sandboxPort).toBe(8080);
    expect(problemsOf({ SANDBOX_PORT: "80a" })).toEqual([
      "SANDBOX_PORT: must be a port number such as 8080 (0 picks a free one)",
    ]);
    expect(problemsOf({ SANDBOX_PORT: "70000" })).toEqual([
      "SANDBOX_PORT: must be a port number such as 8080 (0 picks a free one)",
    ]);
  });

  it("reads every variable", () => {
    const config = createConfig({
      BOT_TOKEN: "123456789:AAEexampleexampleexample_x",
      TELEGRAM_API_ROOT: "http://127.0.0.1:8081/",
      DATABASE_URL: "/var/lib/bot/prod.sqlite",
      ADMIN_IDS: "111, 222",
      DEFAULT_LOCALE: "zh",
      TIMEZONE: "Asia/Shanghai",
      LOG_LEVEL: "debug",
    });
    expect(config.telegramApiRoot).toBe("http://127.0.0.1:8081");
    expect(config.database).toBe("/var/lib/bot/prod.sqlite");
    expect(config.adminIds).toEqual([111, 222]);
    expect(config.defaultLocale).toBe("zh");
  });

  it("takes a postgres:// URL for the bot's database, and prints it without its password", () => {
    const config = createConfig({ DATABASE_URL: "postgres://bot:s3cret@db.internal:5432/bot" });
    expect(config.database).toBe("postgres://bot:s3cret@db.internal:5432/bot");
    expect(databaseLabel(config.database)).toBe("postgres://bot:***@db.internal:5432/bot");
    expect(createConfig({ DATABASE_URL: "postgresql://db.internal/bot" }).database).toBe("postgresql://db.internal/bot");
    expect(problemsOf({ DATABASE_URL: "postgres://" })).toEqual([
      "DATABASE_URL: must name the server, e.g. postgres://bot:password@127.0.0.1:5432/bot",
    ]);
  });

  it("runs everything in one process unless ROLE names a part of a fleet", () => {
    expect(createConfig({}).role).toBe("all");
    expect(createConfig({ ROLE: "worker" }).role).toBe("worker");
    expect(problemsOf({ ROLE: "sender" })[0]).toMatch(/^ROLE: must be all/);
  });

  it("accepts a file: URL for the database", () => {
    expect(createConfig({ DATABASE_URL: "file:data/x.sqlite" }).database).toBe("data/x.sqlite");
  });

  it("takes a plain path, a file: URL or :memory: for the database, and refuses other URLs", () => {
    expect(createConfig({ DATABASE_URL: "file:///var/lib/bot/bot.sqlite" }).database).toBe("/var/lib/bot/bot.sqlite");
    expect(createConfig({ DATABASE_URL: ":memory:" }).database).toBe(":memory:");
    expect(createConfig({ DATABASE_URL: "data/bot.sqlite" }).database).toBe("data/bot.sqlite");
    expect(problemsOf({ SANDBOX_DATABASE_URL: "postgresql://db/bot" })).toEqual([
      "SANDBOX_DATABASE_URL: the sandbox keeps its own SQLite file; use a path or a file: URL",
    ]);
    expect(problemsOf({ DATABASE_URL: "mysql://db/bot" })).toEqual([
      'DATABASE_URL: "mysql:" is not a database this bot understands; use a SQLite file (a path such as data/bot.sqlite or a file: URL) or a postgres:// URL',
    ]);
  });

  it("names every bad variable and what is expected", () => {
    const problems = problemsOf({
      BOT_TOKEN: "nope",
      TELEGRAM_API_ROOT: "not a url",
      ADMIN_IDS: "12,abc",
      DEFAULT_LOCALE: "fr",
      TIMEZONE: "Mars/Base",
      LOG_LEVEL: "loud",
    });
    expect(problems).toHaveLength(6);
    expect(problems.join("\n")).toMatch(/BOT_TOKEN: must look like/);
    expect(problems.join("\n")).toMatch(/TELEGRAM_API_ROOT: must be a URL/);
    expect(problems.join("\n")).toMatch(/ADMIN_IDS: "abc" is not a numeric Telegram user id/);
    expect(problems.join("\n")).toMatch(/DEFAULT_LOCALE: must be one of vi, zh, en/);
    expect(problems.join("\n")).toMatch(/TIMEZONE: must be an IANA time zone/);
    expect(problems.join("\n")).toMatch(/LOG_LEVEL/);
  });

  it("reads the outbox rate and progress interval, empty meaning the default, and names bad ones", () => {
    expect(createConfig({})).toMatchObject({ outboxRate: 25, outboxProgressSeconds: 5 });
    expect(createConfig({ OUTBOX_RATE: "", OUTBOX_PROGRESS_SECONDS: "" })).toMatchObject({
      outboxRate: 25,
      outboxProgressSeconds: 5,
    });
    expect(createConfig({ OUTBOX_RATE: "29", OUTBOX_PROGRESS_SECONDS: "0.5" })).toMatchObject({
      outboxRate: 29,
      outboxProgressSeconds: 0.5,
    });
    expect(problemsOf({ OUTBOX_RATE: "fast", OUTBOX_PROGRESS_SECONDS: "0" }).join("\n")).toMatch(
      /OUTBOX_RATE: must be a number[\s\S]*OUTBOX_PROGRESS_SECONDS: must be at least 0.1/,
    );
  });

  it("runs the reminder tick every minute unless REMINDER_CRON says otherwise, and refuses a bad pattern", () => {
    expect(createConfig({}).reminderCron).toBe("* * * * *");
    expect(createConfig({ REMINDER_CRON: "" }).reminderCron).toBe("* * * * *");
    expect(createConfig({ REMINDER_CRON: "*/5 * * * *" }).reminderCron).toBe("*/5 * * * *");
    expect(problemsOf({ REMINDER_CRON: "every minute" })).toEqual([
      "REMINDER_CRON: must be a cron pattern such as * * * * * (every minute)",
    ]);
  });

  it("cuts Bot API calls after 30 s unless BOT_API_TIMEOUT_SECONDS says otherwise", () => {
    expect(createConfig({}).apiTimeoutSeconds).toBe(30);
    expect(createConfig({ BOT_API_TIMEOUT_SECONDS: "5" }).apiTimeoutSeconds).toBe(5);
    expect(problemsOf({ BOT_API_TIMEOUT_SECONDS: "0" })).toEqual(["BOT_API_TIMEOUT_SECONDS: must be at least 1"]);
  });

  it("treats an empty BOT_TOKEN as unset", () => {
    expect(createConfig({ BOT_TOKEN: "  " }).botToken).toBeUndefined();
  });
});
