import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordAudit } from "../../src/modules/staff/audit.service.js";
import { startTestBot, TEST_NOW, type TestBot } from "../helpers/app.js";

const ADMIN = { id: 17_200, first_name: "Hoa", language_code: "en" };
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
let bot: TestBot;

beforeAll(async () => {
  bot = await startTestBot({ ADMIN_IDS: String(ADMIN.id) });
});
afterAll(async () => bot.stop());

describe("/audit", () => {
  it("shortens a long reason between characters: never half an emoji, which Telegram refuses", async () => {
    // The cut falls in the middle of the emoji, and of a flag made of two of them.
    for (const [i, filler] of ["a".repeat(118), "b".repeat(117)].entries()) {
      const reason = `${filler}😀🇻🇳 and more words after the cut`;
      await recordAudit(
        bot.app.db,
        { actorId: ADMIN.id, action: "registration.reject", target: `TF26-00${i}`, details: { reason } },
        new Date(TEST_NOW),
      );
    }
    const log = await bot.ask(ADMIN, "/audit");
    expect(log).toContain("rejected registration TF26-000");
    expect(log).not.toMatch(LONE_SURROGATE);
    expect(log).not.toMatch(/\ud83c\uddfb(?!\ud83c\uddf3)/); // not half a flag either
    expect(log).toContain(`${"a".repeat(118)}…`);
  });
});
