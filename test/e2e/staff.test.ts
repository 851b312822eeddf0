import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findUser } from "../../src/modules/people/people.service.js";
import { listAudit } from "../../src/modules/staff/audit.repository.js";
import { buttonsOf, startTestBot, type TestBot } from "../helpers/app.js";
import type { UploadedFile } from "../helpers/fake-bot-api.js";
import { spawnMain } from "../helpers/process.js";

const ADMIN = { id: 900, first_name: "Hoa", language_code: "en" };
let bot: TestBot;
let nextId = 5000;
const newUser = (first_name = "Minh") => ({ id: nextId++, first_name, language_code: "en" });

beforeAll(async () => {
  bot = await startTestBot({ ADMIN_IDS: String(ADMIN.id) });
});
afterAll(async () => bot.stop());

const chatScopeCommands = (chatId: number) =>
  bot.api.calls.filter(
    (c) => c.method === "setMyCommands" && (c.payload.scope as { chat_id?: number } | undefined)?.chat_id === chatId,
  );

describe("staff-only commands", () => {
  it("are refused, politely, to businesses, and the attempt is audited", async () => {
    const business = newUser();
    for (const command of ["/broadcast", "/broadcasts", "/stats", "/import", "/registrations", "/staff"]) {
      expect(await bot.ask(business, command)).toMatch(/only for trade-office staff|for trade-office staff only/);
    }
    const audit = await listAudit(bot.app.db);
    expect(audit.filter((a) => a.actor_id === business.id && a.action === "access.denied").map((a) => a.target)).toContain(
      "/broadcast",
    );
  });

  it("give the admins the staff command menu in their chat at start-up", () => {
    const menu = chatScopeCommands(ADMIN.id).find((c) => c.payload.language_code === "en");
    const commands = ((menu?.payload.commands ?? []) as Array<{ command: string }>).map((c) => c.command);
    expect(commands).toEqual(
      expect.arrayContaining(["fairs", "broadcast", "broadcasts", "registrations", "import", "stats", "staff"]),
    );
  });
});

describe("/staff", () => {
  it("lets an admin add staff by id: they get the staff menu and the staff commands", async () => {
    const colleague = newUser("Lan");
    await bot.ask(colleague, "/start");
    expect(await bot.ask(ADMIN, `/staff add ${colleague.id}`)).toContain("is now staff");
    expect((await findUser(bot.app.db, colleague.id))?.role).toBe("staff");
    const menu = chatScopeCommands(colleague.id).at(-1)?.payload.commands as Array<{ command: string }>;
    expect(menu.map((c) => c.command)).toContain("broadcast");
    expect(menu.map((c) => c.command)).not.toContain("staff");
    expect(await bot.ask(colleague, "/stats")).toContain("Statistics");
    expect(await bot.ask(colleague, "/staff")).toContain("Only administrators");
  });

  it("offers to add the author of a forwarded message", async () => {
    const colleague = newUser("Quang");
    const since = bot.api.calls.length;
    bot.api.sendMessageFrom(ADMIN, {
      text: "hello",
      forward_origin: { type: "user", date: 0, sender_user: { id: colleague.id, is_bot: false, first_name: "Quang" } },
    });
    const offer = await bot.api.nextReply(ADMIN.id, { since });
    expect(String(offer.payload.text)).toContain("Add Quang");
    const { text } = await bot.press(ADMIN, buttonsOf(offer.payload)[0]!.data);
    expect(text).toContain("is now staff");
    expect((await findUser(bot.app.db, colleague.id))?.role).toBe("staff");
  });

  it("lists staff with a button that removes one, taking their menu back", async () => {
    const colleague = newUser("Tuan");
    await bot.ask(ADMIN, `/staff add ${colleague.id}`);
    const since = bot.api.calls.length;
    bot.api.sendText(ADMIN, "/staff");
    const list = await bot.api.nextReply(ADMIN.id, { since });
    expect(String(list.payload.text)).toContain("Hoa");
    expect(String(list.payload.text)).toContain(`${colleague.id} — has not opened the bot yet`);
    const remove = buttonsOf(list.payload).find((b) => b.text.includes(String(colleague.id)))!;
    expect((await bot.press(ADMIN, remove.data)).text).toContain("no longer staff");
    expect((await findUser(bot.app.db, colleague.id))?.role).toBe("business");
    expect(
      bot.api.calls.some(
        (c) => c.method === "deleteMyCommands" && (c.payload.scope as { chat_id?: number }).chat_id === colleague.id,
      ),
    ).toBe(true);
    expect(await bot.ask(colleague, "/stats")).toContain("staff only");
    const actions = (await listAudit(bot.app.db))
      .filter((a) => a.actor_id === ADMIN.id && a.target === String(colleague.id))
      .map((a) => a.action);
    expect(actions).toEqual(["staff.remove", "staff.add"]);
  });

  it("ignores a forged remove button from someone who is not an admin", async () => {
    const colleague = newUser("Mai");
    await bot.ask(ADMIN, `/staff add ${colleague.id}`);
    const intruder = newUser("Eve");
    await bot.ask(intruder, "/start");
    const since = bot.api.calls.length;
    bot.api.pressButton(intruder, `staff:rm:${colleague.id}`);
    const answer = await bot.api.waitFor((c) => c.method === "answerCallbackQuery", { since });
    expect(String(answer.payload.text)).toContain("Only administrators");
    expect((await findUser(bot.app.db, colleague.id))?.role).toBe("staff");
  });

  it("cannot demote an administrator", async () => {
    expect(await bot.ask(ADMIN, `/staff remove ${ADMIN.id}`)).toContain("ADMIN_IDS");
  });
});

describe("/audit", () => {
  it("shows admins who did what, newest first, with names and Vietnam times", async () => {
    const business = newUser("Tuấn");
    await bot.ask(ADMIN, "/stats");
    await bot.ask(business, "/broadcast");
    const log = await bot.ask(ADMIN, "/audit");
    expect(log).toContain("Audit log");
    expect(log).toContain("<code>23 Nov 2026 09:00</code> · <b>Tuấn</b> · 🚫 was refused /broadcast");
    expect(log.indexOf("was refused /broadcast")).toBeLessThan(log.indexOf("looked at /stats"));
    expect(log).toContain("<b>Hoa</b> · 📊 looked at /stats");
  });

  it("is for admins only: staff and businesses are refused", async () => {
    const colleague = newUser("Lan");
    await bot.ask(colleague, "/start");
    await bot.ask(ADMIN, `/staff add ${colleague.id}`);
    expect(await bot.ask(colleague, "/audit")).toContain("Only administrators can read the audit log");
    expect(await bot.ask(newUser(), "/audit")).toContain("for trade-office staff only");
    const since = bot.api.calls.length;
    bot.api.pressButton(colleague, "au:0");
    const answer = await bot.api.waitFor((c) => c.method === "answerCallbackQuery", { since });
    expect(String(answer.payload.text)).toContain("Only administrators can read the audit log");
    expect(bot.api.calls.slice(since).some((c) => c.method === "editMessageText")).toBe(false);
  });

  it("is not shown in a group, where non-admins read along", async () => {
    const since = bot.api.calls.length;
    bot.api.pushUpdate({
      message: {
        message_id: 1,
        date: 0,
        chat: { id: -100777, type: "supergroup", title: "Staff" },
        from: { id: ADMIN.id, is_bot: false, first_name: ADMIN.first_name, language_code: "en" },
        text: "/audit",
        entities: [{ type: "bot_command", offset: 0, length: 6 }],
      },
    });
    const reply = await bot.api.waitFor((c) => c.method === "sendMessage" && c.payload.chat_id === -100777, { since });
    expect(String(reply.payload.text)).toContain("open it in your private chat");
  });

  it("pages back through older entries and returns to the newest", async () => {
    const business = newUser();
    for (let i = 0; i < 16; i++) await bot.ask(business, "/stats");
    const first = await bot.ask(ADMIN, "/audit");
    const older = buttonsOf(bot.api.calls.at(-1)!.payload).find((b) => b.data?.startsWith("au:") && b.data !== "au:0");
    expect(older).toBeDefined();
    const second = await bot.press(ADMIN, older!.data!);
    expect(second.text).not.toEqual(first);
    expect(buttonsOf(second.payload).map((b) => b.data)).toContain("au:0");
  });
});

describe("/stats", () => {
  it("counts users by language and activity, fairs, and the outbox", async () => {
    const text = await bot.ask(ADMIN, "/stats");
    expect(text).toMatch(/Users: \d+ \(\d+ active, 0 inactive\)/);
    expect(text).toContain("English:");
    expect(text).toMatch(/Fairs: 8 \(\d+ upcoming or ongoing\)/);
    expect(text).toContain("Outbox: 0 waiting");
  });
});

describe("membership", () => {
  it("a user who blocks the bot becomes inactive, and active again when they write", async () => {
    const user = newUser();
    await bot.ask(user, "/start");
    const member = (status: "kicked" | "member") => ({
      chat: { id: user.id, type: "private" as const, first_name: user.first_name },
      from: { id: user.id, is_bot: false, first_name: user.first_name },
      date: 0,
      old_chat_member: { status: "member" as const, user: { ...bot.api.botInfo } },
      new_chat_member:
        status === "kicked" ? { status, user: { ...bot.api.botInfo }, until_date: 0 } : { status, user: { ...bot.api.botInfo } },
    });
    bot.api.pushUpdate({ my_chat_member: member("kicked") });
    await expect.poll(async () => (await findUser(bot.app.db, user.id))?.active).toBe(0);
    await bot.ask(user, "/start");
    expect((await findUser(bot.app.db, user.id))?.active).toBe(1);
  });
});

describe("/import", () => {
  const header =
    "id,name_vi,name_zh,name_en,counterpart_vi,counterpart_zh,counterpart_en,province,type,modes,hours,phone,email,contact_id,aliases";
  const gate =
    "soc-giang,Cửa khẩu Sóc Giang,朔江口岸,Soc Giang Border Gate,Bình Mãng,平孟,Pingmeng,Cao Bằng,main,road,07:00-17:00,+84 206 000 4002,,,soc giang";

  async function upload(fileName: string, data: string) {
    const since = bot.api.calls.length;
    bot.api.sendFile(ADMIN, { fileName, mimeType: "application/octet-stream", data: Buffer.from(data) }, { asPhoto: false });
    return String((await bot.api.nextReply(ADMIN.id, { since })).payload.text);
  }

  it("explains what to send", async () => {
    expect(await bot.ask(ADMIN, "/import")).toContain("as a document");
  });

  it("refuses a file with errors, listing every problem, and changes nothing", async () => {
    const bad = gate.replace("soc-giang,", "bad-gate,").replace("07:00-17:00", "morning");
    const report = await upload(
      "gates.csv",
      `${header}\n${bad}\n${gate.replace("soc-giang,", "other-gate,").replace(",main,", ",minor,")}`,
    );
    expect(report).toContain("was not imported; nothing was changed. 2 problem(s)");
    expect(report).toContain("<code>border_gates[bad-gate]</code> hours");
    expect(report).toContain("<code>border_gates[other-gate]</code> type");
    expect(
      await bot.app.db.selectFrom("border_gates").select("id").where("id", "in", ["bad-gate", "other-gate"]).execute(),
    ).toEqual([]);
  });

  it("imports a good CSV, and users find the new gate at once", async () => {
    expect(await upload("gates.csv", `${header}\n${gate}`)).toContain("1 border gates");
    await expect.poll(async () => bot.ask(newUser(), "/gates"), { timeout: 3000 }).toContain("Soc Giang");
    const audit = (await listAudit(bot.app.db)).find((a) => a.action === "import");
    expect(audit).toMatchObject({ actor_id: ADMIN.id, target: "gates.csv" });
  });

  it("refuses other file types and broken JSON", async () => {
    expect(await upload("fairs.xlsx", "PK")).toContain(".json and .csv");
    expect(await upload("data.json", "{ not json")).toContain("<code>(file)</code> json");
  });

  it("ignores documents from businesses", async () => {
    const business = newUser();
    await bot.ask(business, "/start");
    const since = bot.api.calls.length;
    bot.api.sendFile(
      business,
      { fileName: "gates.csv", mimeType: "text/csv", data: Buffer.from(`${header}\n${gate}`) },
      { asPhoto: false },
    );
    await new Promise((r) => setTimeout(r, 300));
    expect(bot.api.messagesTo(business.id).filter((_, i, all) => bot.api.calls.indexOf(all[i]!) >= since)).toEqual([]);
  });
});

describe("/export", () => {
  async function download(data: string): Promise<{ file: UploadedFile; caption: string }> {
    const sent = await bot.press(ADMIN, data);
    return { file: sent.payload.document as UploadedFile, caption: String(sent.payload.caption) };
  }

  it("offers the fairs, the gates and everything, and is refused to businesses", async () => {
    await bot.ask(ADMIN, "/export");
    expect(buttonsOf(bot.api.calls.at(-1)!.payload).map((b) => b.data)).toEqual(["ex:fairs", "ex:gates", "ex:dataset"]);
    expect(await bot.ask(newUser(), "/export")).toContain("for trade-office staff only");
  });

  it("sends the gates as the CSV /import reads: changed and sent back, the change is what users see", async () => {
    const { file, caption } = await download("ex:gates");
    expect(file.fileName).toBe("gates-2026-11-23.csv");
    expect(caption).toMatch(/Border gates: \d+ records/);
    const csv = file.data.toString("utf8").replace("\uFEFF", "");
    expect(csv).toContain("huu-nghi,");
    const edited = csv.replace(/(huu-nghi,[^\r\n]*?),07:00-22:00,/, "$1,06:30-23:00,");
    expect(edited).not.toEqual(csv);
    const since = bot.api.calls.length;
    bot.api.sendFile(ADMIN, { fileName: "gates.csv", mimeType: "text/csv", data: Buffer.from(edited) }, { asPhoto: false });
    expect(String((await bot.api.nextReply(ADMIN.id, { since })).payload.text)).toContain("border gates");
    await expect.poll(async () => (await bot.press(newUser(), "gate:huu-nghi")).text, { timeout: 3000 }).toContain("06:30-23:00");
  });

  it("npm run export writes the same files for operators, and npm run import reads them back", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "export-"));
    const run = (script: string, file: string, db: string) => spawnMain({ DATABASE_URL: db, LOG_LEVEL: "warn" }, script, [file]);
    const exported = run("src/cli/export.ts", path.join(dir, "all.json"), bot.file);
    expect(await exported.exited, exported.output()).toBe(0);
    const imported = run("src/cli/import.ts", path.join(dir, "all.json"), path.join(dir, "copy.sqlite"));
    expect(await imported.exited, imported.output()).toBe(0);
    expect(imported.output()).toMatch(/imported 14 sectors, 5 contacts, \d+ border gates, 8 fairs/);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("sends everything as one dataset file that the import accepts", async () => {
    const { file } = await download("ex:dataset");
    const dataset = JSON.parse(file.data.toString("utf8")) as { format: string; fairs: unknown[]; border_gates: unknown[] };
    expect(dataset.format).toBe("trade-office-dataset/1");
    expect(dataset.fairs.length).toBeGreaterThan(0);
    const audited = (await listAudit(bot.app.db)).find((a) => a.action === "export");
    expect(audited).toMatchObject({ actor_id: ADMIN.id, target: "trade-office-dataset-2026-11-23.json" });
  });
});
