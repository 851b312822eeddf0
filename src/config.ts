import path from "node:path";
import { IANAZone } from "luxon";
import { z } from "zod";
import { LOCALES, type Locale } from "./domain/locale.js";
import { isCronPattern } from "./platform/jobs/scheduler.js";

const optionalString = z
  .string()
  .trim()
  .transform((value) => (value === "" ? undefined : value))
  .optional();

/** A number variable; unset or empty (as in .env.example) means the default. */
const orDefault = (fallback: number) => (value: unknown) =>
  value === undefined || (typeof value === "string" && value.trim() === "") ? fallback : value;

const schema = z
  .object({
    BOT_TOKEN: optionalString.pipe(
      z
        .string()
        .regex(/^\d+:[\w-]{20,}$/, "must look like 123456789:AA... (the token BotFather gives)")
        .optional(),
    ),
    TELEGRAM_API_ROOT: z.url({ message: "must be a URL such as https://api.telegram.org" }).default("https://api.telegram.org"),
    DATABASE_URL: z
      .string()
      .trim()
      .min(1, "must not be empty")
      .default("file:data/bot.sqlite")
      .superRefine(databaseUrlProblems({ postgres: true })),
    DATA_DIR: optionalString,
    ADMIN_IDS: z
      .string()
      .default("")
      .transform((value, ctx) => {
        const ids: number[] = [];
        for (const part of value
          .split(",")
          .map((p) => p.trim())
          .filter(Boolean)) {
          if (!/^-?\d+$/.test(part)) {
            ctx.addIssue({ code: "custom", message: `"${part}" is not a numeric Telegram user id` });
            return z.NEVER;
          }
          ids.push(Number(part));
        }
        return ids;
      }),
    STAFF_CHAT_ID: optionalString.pipe(
      z
        .string()
        .regex(/^-?\d+$/, "must be a numeric Telegram chat id (a staff group is negative, e.g. -1001234567890)")
        .transform(Number)
        .optional(),
    ),
    DEFAULT_LOCALE: z.enum(LOCALES, { message: `must be one of ${LOCALES.join(", ")}` }).default("vi"),
    TIMEZONE: z
      .string()
      .default("Asia/Ho_Chi_Minh")
      .refine((zone) => IANAZone.isValidZone(zone), "must be an IANA time zone such as Asia/Ho_Chi_Minh"),
    SANDBOX_PORT: optionalString.pipe(
      z
        .string()
        .regex(/^\d{1,5}$/, "must be a port number such as 8080 (0 picks a free one)")
        .transform(Number)
        .refine((port) => port <= 65535, "must be a port number such as 8080 (0 picks a free one)")
        .optional(),
    ),
    SANDBOX_DATABASE_URL: z
      .string()
      .trim()
      .min(1, "must not be empty")
      .default("file:data/sandbox.sqlite")
      .superRefine(databaseUrlProblems({ postgres: false })),
    LOG_LEVEL: optionalString.pipe(z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).optional()),
    OUTBOX_RATE: z.preprocess(
      orDefault(25),
      z.coerce
        .number({ message: "must be a number of messages per second, e.g. 25" })
        .positive("must be more than 0")
        .max(1000, "must be at most 1000 (Telegram allows about 30 a second)"),
    ),
    OUTBOX_PROGRESS_SECONDS: z.preprocess(
      orDefault(5),
      z.coerce
        .number({ message: "must be a number of seconds, e.g. 5" })
        .min(0.1, "must be at least 0.1")
        .max(600, "must be at most 600"),
    ),
    BOT_API_TIMEOUT_SECONDS: z.preprocess(
      orDefault(30),
      z.coerce
        .number({ message: "must be a number of seconds, e.g. 30" })
        .min(1, "must be at least 1")
        .max(600, "must be at most 600"),
    ),
    WEBHOOK_URL: optionalString.pipe(
      z
        .url({ message: "must be the public https:// URL Telegram calls, e.g. https://bot.example.vn/telegram" })
        // A local Bot API server (telegram-bot-api --local) may call plain HTTP on this machine.
        .refine(
          (url) => url.startsWith("https://") || /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])[:/]/.test(url),
          "must start with https:// (Telegram calls webhooks only over HTTPS)",
        )
        .optional(),
    ),
    WEBHOOK_SECRET: optionalString.pipe(
      z
        .string()
        .regex(/^[A-Za-z0-9_-]{16,256}$/, "must be 16–256 letters, digits, _ or - (e.g. from: openssl rand -hex 32)")
        .optional(),
    ),
    PORT: z.preprocess(
      orDefault(3000),
      z.coerce
        .number({ message: "must be a port number such as 3000" })
        .int("must be a port number such as 3000")
        .min(0, "must be a port number such as 3000")
        .max(65535, "must be a port number such as 3000"),
    ),
    HOST: z.string().trim().min(1, "must not be empty").default("127.0.0.1"),
    SITE_URL: optionalString.pipe(
      z
        .url({ message: "must be the public address of the fair pages, e.g. https://fairs.example.vn" })
        .refine((url) => /^https?:\/\//.test(url), "must start with https:// (or http://)")
        .optional(),
    ),
    ROLE: z
      .enum(["all", "web", "worker"], {
        message: "must be all (everything in one process), web (webhook, health, pages) or worker (outbox, reminders, jobs)",
      })
      .default("all"),
    REMINDER_CRON: optionalString.pipe(
      z
        .string()
        .refine((pattern) => isCronPattern(pattern), "must be a cron pattern such as * * * * * (every minute)")
        .default("* * * * *"),
    ),
  })
  .superRefine((value, ctx) => {
    if (value.WEBHOOK_URL && !value.WEBHOOK_SECRET)
      ctx.addIssue({
        code: "custom",
        path: ["WEBHOOK_SECRET"],
        message: "must be set with WEBHOOK_URL (e.g. from: openssl rand -hex 32)",
      });
  });

export type Config = {
  botToken: string | undefined;
  telegramApiRoot: string;
  /** A SQLite file path, or a postgres:// URL (which may hold a password: print it with databaseLabel). */
  database: string;
  /** The variable that named the database, for messages about it. */
  databaseVariable: "DATABASE_URL" | "SANDBOX_DATABASE_URL";
  /** Where the bot keeps files it must not lose (licences), beside the database: backups hold both. */
  dataDir: string;
  adminIds: number[];
  /** Where new registrations go for review; unset means every admin in a private chat. */
  staffChatId: number | undefined;
  defaultLocale: Locale;
  timezone: string;
  /** Where the sandbox (no BOT_TOKEN) serves its chat page and local Bot API, on 127.0.0.1. */
  sandboxPort: number;
  /** The sandbox's own database, so trying things out never touches the live bot's data. */
  sandboxDatabasePath: string;
  logLevel: NonNullable<z.infer<typeof schema>["LOG_LEVEL"]>;
  /** Outbox messages (broadcasts, reminders) per second, progress edits included. */
  outboxRate: number;
  /** How often a broadcast's status message is edited. */
  outboxProgressSeconds: number;
  /** How long a Bot API call may take before it is cut off; long polls wait at most this long for updates. */
  apiTimeoutSeconds: number;
  /** When the reminder tick runs (node-cron pattern, in TIMEZONE). */
  reminderCron: string;
  /** With a webhook, Telegram POSTs updates to `url` (checked against `secret`); without, long polling. */
  webhook: { url: string; secret: string } | undefined;
  /** The bot's HTTP server (webhook, /healthz, /readyz): behind a reverse proxy by default. */
  http: { host: string; port: number };
  /** The public address of the fair pages (links in feeds, Open Graph); unset: taken from each request's Host. */
  siteUrl: string | undefined;
  /**
   * What this process does: everything (all), or one part of a fleet sharing a PostgreSQL
   * database: web (answers updates, health, public pages) or worker (outbox sender, cron jobs).
   */
  role: Role;
};

export type Role = "all" | "web" | "worker";

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/**
 * The databases this build understands: a PostgreSQL server (postgres:// or postgresql://, where
 * allowed), a SQLite file given as a plain path, a `file:` (or `sqlite:`) URL, or `:memory:`.
 * Every other URL is refused here, in one place, rather than taken for a file name.
 */
function databaseUrlProblem(url: string, allowed: { postgres: boolean }): string | undefined {
  if (url === ":memory:" || /^(file|sqlite):/i.test(url)) return undefined;
  if (/^postgres(ql)?:/i.test(url)) {
    if (!allowed.postgres) return "the sandbox keeps its own SQLite file; use a path or a file: URL";
    if (!/^postgres(ql)?:\/\/[^/?#]*[^/?#:@]/i.test(url))
      return "must name the server, e.g. postgres://bot:password@127.0.0.1:5432/bot";
    return undefined;
  }
  // A one-letter scheme is a Windows drive (C:\…), a path.
  if (/^[a-z][a-z0-9+.-]+:/i.test(url))
    return `"${url.split(":")[0]}:" is not a database this bot understands; use a SQLite file (a path such as data/bot.sqlite or a file: URL)${allowed.postgres ? " or a postgres:// URL" : ""}`;
  return undefined;
}

function databaseUrlProblems(allowed: { postgres: boolean }) {
  return (url: string, ctx: z.RefinementCtx) => {
    const problem = databaseUrlProblem(url, allowed);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  };
}

/** Turns `file:path`, `sqlite:path` or a plain path into a file path for better-sqlite3; a postgres:// URL stays. */
export function databaseFromUrl(url: string): string {
  return url.replace(/^(file|sqlite):(\/\/)?/i, "");
}

/** The SQLite file's own folder, so the files and the database move and back up together; ./data otherwise. */
export function defaultDataDir(database: string): string {
  return database === ":memory:" || /^postgres(ql)?:/i.test(database) ? "data" : path.dirname(database);
}

/** Parses an environment-like record; throws ConfigError naming every bad variable. */
export function createConfig(env: Record<string, string | undefined>): Config {
  const result = schema.safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? "environment");
      return `${name}: ${issue.message}`;
    });
    throw new ConfigError(problems);
  }
  const value = result.data;
  return {
    botToken: value.BOT_TOKEN,
    telegramApiRoot: value.TELEGRAM_API_ROOT.replace(/\/+$/, ""),
    database: databaseFromUrl(value.DATABASE_URL),
    databaseVariable: "DATABASE_URL",
    dataDir: value.DATA_DIR ?? defaultDataDir(databaseFromUrl(value.DATABASE_URL)),
    adminIds: value.ADMIN_IDS,
    staffChatId: value.STAFF_CHAT_ID,
    defaultLocale: value.DEFAULT_LOCALE,
    timezone: value.TIMEZONE,
    sandboxPort: value.SANDBOX_PORT ?? 8080,
    sandboxDatabasePath: databaseFromUrl(value.SANDBOX_DATABASE_URL),
    // The sandbox promises one line of output; its start-up chatter is info-level.
    logLevel: value.LOG_LEVEL ?? (value.BOT_TOKEN ? "info" : "warn"),
    outboxRate: value.OUTBOX_RATE,
    outboxProgressSeconds: value.OUTBOX_PROGRESS_SECONDS,
    apiTimeoutSeconds: value.BOT_API_TIMEOUT_SECONDS,
    reminderCron: value.REMINDER_CRON,
    webhook: value.WEBHOOK_URL && value.WEBHOOK_SECRET ? { url: value.WEBHOOK_URL, secret: value.WEBHOOK_SECRET } : undefined,
    http: { host: value.HOST, port: value.PORT },
    siteUrl: value.SITE_URL?.replace(/\/+$/, ""),
    role: value.ROLE,
  };
}
