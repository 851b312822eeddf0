import SqliteDatabase from "better-sqlite3";
import { sql } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startTestBot, type TestBot } from "../helpers/app.js";

const ADMIN = { id: 910, first_name: "Hoa", language_code: "en" };
const HEADER =
  "id,name_vi,name_zh,name_en,counterpart_vi,counterpart_zh,counterpart_en,province,type,modes,hours,phone,email,contact_id,aliases";
const GATE =
  "soc-giang,Cửa khẩu Sóc Giang,朔江口岸,Soc Giang Border Gate,Bình Mãng,平孟,Pingmeng,Cao Bằng,main,road,07:00-17:00,+84 206 000 4002,,,soc giang";

let bot: TestBot;
beforeEach(async () => {
  bot = await startTestBot({ ADMIN_IDS: String(ADMIN.id) });
});
afterEach(async () => bot.stop());

/** Staff send a document; Telegram's message says no file_size unless `withSize`. Returns the bot's answer. */
async function send(fileName: string, data: Buffer, withSize = false): Promise<string> {
  const stored = bot.api.chats.files.add({ fileName, mimeType: "text/csv", data }, "documents");
  const since = bot.api.calls.length;
  bot.api.sendMessageFrom(ADMIN, {
    document: {
      file_id: stored.fileId,
      file_unique_id: stored.fileUniqueId,
      file_name: fileName,
      ...(withSize ? { file_size: data.length } : {}),
    },
  });
  return String((await bot.api.nextReply(ADMIN.id, { since, timeoutMs: 15_000 })).payload.text);
}

const gateIds = async () => (await bot.app.db.selectFrom("border_gates").select("id").execute()).map((g) => g.id);

describe("/import tells staff the truth", () => {
  it("refuses a file over the limit by the bytes downloaded when Telegram gives no file_size", async () => {
    const big = Buffer.from(`${HEADER}\n${`${GATE}\n`.repeat(40_000)}`);
    expect(big.length).toBeGreaterThan(5 * 1024 * 1024);
    expect(await send("gates.csv", big)).toBe("That file is over the 5 MB limit, so I stopped reading it. Nothing was imported.");
  });

  it("says the file was imported when it was, even if its audit entry could not be written", async () => {
    await sql`create trigger no_audit before insert on audit_log begin select raise(abort, 'audit log unavailable'); end`.execute(
      bot.app.db,
    );
    expect(await send("gates.csv", Buffer.from(`${HEADER}\n${GATE}`))).toContain("✅ <b>gates.csv</b> imported");
    expect(await gateIds()).toContain("soc-giang");
  });

  it("says nothing was imported when another process holds the database", async () => {
    const other = new SqliteDatabase(bot.file);
    other.exec("begin immediate");
    try {
      expect(await send("gates.csv", Buffer.from(`${HEADER}\n${GATE}`))).toContain(
        "was not imported: the database could not take it just now",
      );
    } finally {
      other.exec("rollback");
      other.close();
    }
    expect(await gateIds()).not.toContain("soc-giang");
  });
});
