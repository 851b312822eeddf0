import fs from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { BotDeps } from "../../../src/bot/context.js";
import { writeConversation } from "../../../src/bot/conversation-store.js";
import { licenceFilesJob } from "../../../src/modules/registrations/licence-files.job.js";
import type { DB } from "../../../src/platform/db/connection.js";
import { storeFile } from "../../../src/platform/files/stored-files.js";
import { demoDatabase, TEST_NOW } from "../../helpers/app.js";
import { insertTestRegistration } from "../../helpers/registrations.js";
import { seedUsers } from "../../helpers/users.js";

const NOW = new Date(TEST_NOW);
const DAY = 86_400_000;
let db: DB;
let dataDir: string;

beforeEach(async () => {
  const made = await demoDatabase();
  db = made.db;
  dataDir = path.dirname(made.file);
});
afterEach(async () => {
  await db.destroy();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** A licence copy last written `daysAgo` days before now. */
function licence(text: string, daysAgo: number): string {
  const relative = storeFile(dataDir, "licences", Buffer.from(`%PDF-1.4 ${text}`), "pdf");
  const when = new Date(NOW.getTime() - daysAgo * DAY);
  fs.utimesSync(path.join(dataDir, relative), when, when);
  return relative;
}

const exists = (relative: string) => fs.existsSync(path.join(dataDir, relative));

describe("the nightly clean-up of licence copies", () => {
  it("deletes only old copies that no registration and no form in progress names", async () => {
    const registered = licence("registered", 40);
    const inForm = licence("in a form", 40);
    const abandoned = licence("abandoned", 40);
    const fresh = licence("just sent", 0);
    await seedUsers(db, 501, 1);
    const row = await insertTestRegistration(db, NOW, { fairId: "vn-cn-laocai-2026", userId: 501, status: "pending", booths: 1 });
    await db.updateTable("registrations").set({ licence_path: registered }).where("id", "=", row.id).execute();
    await writeConversation(db, "502/register", JSON.stringify({ draft: { licence: { fileId: "x", path: inForm } } }), NOW);

    const result = await licenceFilesJob.run({ db, config: { dataDir } } as unknown as BotDeps, NOW);

    expect(result).toEqual({ deleted: 1 });
    expect([registered, inForm, abandoned, fresh].map(exists)).toEqual([true, true, false, true]);
  });
});
