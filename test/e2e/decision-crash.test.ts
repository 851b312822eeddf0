import fs from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase, type DB } from "../../src/platform/db/connection.js";
import { demoDatabase, TEST_TOKEN } from "../helpers/app.js";
import { Chat, says, textOf } from "../helpers/chat.js";
import { type FakeBotApi, startFakeBotApi } from "../helpers/fake-bot-api.js";
import { type BotProcess, startMain, until } from "../helpers/process.js";

// src/main.ts runs on the system clock: the open demo fair with the latest deadline.
const FAIR = "green-industry-langson-2027";
const ADMIN = { id: 900, first_name: "Hoa", language_code: "en" };
const APPLICANT = { id: 4343, first_name: "Mai", language_code: "zh" };
const START_MS = 20_000;

let api: FakeBotApi;
let file: string;
let reader: DB;
let bot: BotProcess | undefined;
let registrationId = 0;
/** While true, Telegram answers every message to the applicant with a 502: the outcome stays queued. */
let applicantUnreachable = true;
const delivered: string[] = [];

beforeAll(async () => {
  api = await startFakeBotApi({ token: TEST_TOKEN });
  api.intercept({
    before: (call) =>
      call.method === "sendMessage" && String(call.payload.chat_id) === String(APPLICANT.id) && applicantUnreachable
        ? { status: 502, body: { ok: false, error_code: 502, description: "Bad Gateway" } }
        : undefined,
    after: (call) => {
      if (call.method === "sendMessage" && String(call.payload.chat_id) === String(APPLICANT.id))
        delivered.push(String(call.payload.text));
      return undefined;
    },
  });
  const demo = await demoDatabase();
  const now = new Date().toISOString();
  await demo.db
    .insertInto("users")
    .values({
      id: APPLICANT.id,
      first_name: "Mai",
      username: null,
      language_code: "zh",
      language: null,
      first_seen: now,
      last_seen: now,
    })
    .execute();
  const row = await demo.db
    .insertInto("registrations")
    .values({
      reference: "LS27-0042",
      fair_id: FAIR,
      user_id: APPLICANT.id,
      company: "广西凭祥进出口贸易有限公司",
      country: "CN",
      tax_id: "91350100M000100Y43",
      sectors: JSON.stringify(["energy"]),
      booths: 1,
      contact_person: "王芳",
      phone: "+8613800138000",
      email: "wang@pingxiang.cn",
      licence_file_id: null,
      licence_path: null,
      licence_kind: null,
      status: "pending",
      waitlisted_at: null,
      offer_expires_at: null,
      offered_booths: null,
      reject_reason: null,
      decided_by: null,
      decided_at: null,
      duplicate_of: null,
      created_at: now,
      updated_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  registrationId = row.id;
  await demo.db.destroy();
  file = demo.file;
  reader = createDatabase(file);
  const env = { BOT_TOKEN: api.token, TELEGRAM_API_ROOT: api.apiRoot, DATABASE_URL: file, ADMIN_IDS: String(ADMIN.id) };

  bot = await startMain(api, env, START_MS);
  const admin = new Chat(api, ADMIN);
  await admin.say("/start", /./);
  await admin.press(`st:ok:${registrationId}`, "LS27-0042");
  // The decision is committed with its outcome queued; Telegram refused it once, so it waits for a retry.
  await until(
    async () => {
      const queued = await reader
        .selectFrom("outbox")
        .select("attempts")
        .where("chat_id", "=", APPLICANT.id)
        .where("state", "=", "queued")
        .executeTakeFirst();
      return (queued?.attempts ?? 0) >= 1;
    },
    "the applicant's outcome to be refused once and queued again",
    bot,
    15_000,
  );

  bot.child.kill("SIGKILL");
  await bot.exited;
  applicantUnreachable = false;
  bot = await startMain(api, env, START_MS);
  await until(async () => delivered.length > 0, "the outcome to reach the applicant after the restart", bot, 15_000);
  // Long enough for a second copy to go out, if one were going to.
  await sleep(3000);
}, 90_000);

afterAll(async () => {
  if (bot) {
    bot.child.kill("SIGTERM");
    await bot.exited;
  }
  await reader?.destroy();
  await api?.close();
  if (file) fs.rmSync(path.dirname(file), { recursive: true, force: true });
});

describe("the bot process killed (SIGKILL) right after a staff decision, before the applicant could be told", () => {
  it("kept the decision", async () => {
    const row = await reader
      .selectFrom("registrations")
      .select(["status", "decided_by"])
      .where("id", "=", registrationId)
      .executeTakeFirst();
    expect(row).toEqual({ status: "approved", decided_by: ADMIN.id });
  });

  it("tells the applicant the outcome exactly once after the restart, in their language", () => {
    expect(delivered).toHaveLength(1);
    expect(delivered[0]).toContain(says("zh", "registration.outcome.approved"));
    expect(delivered[0]).toContain("LS27-0042");
  });

  it("told the staff member who decided at once", () => {
    const told = api.messagesTo(ADMIN.id).map(textOf);
    expect(told.some((text) => text.includes("LS27-0042 approved by Hoa"))).toBe(true);
  });
});
