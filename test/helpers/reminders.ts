import type { Kysely } from "kysely";
import { importDataset, parseDataset } from "../../src/modules/catalog/dataset-import.service.js";
import { addSubscription, type Topic } from "../../src/modules/reminders/subscriptions.repository.js";
import type { Database } from "../../src/platform/db/schema.js";

/** A fair of our own with round moments: deadline 10:00 on 1 Feb 2027 (Vietnam), first day 10 Feb. */
export const TEST_FAIR = {
  id: "test-fair-2027",
  kind: "fair",
  name: { vi: "Hội chợ Thử nghiệm 2027", zh: "测试博览会2027", en: "Test Fair 2027" },
  city: { vi: "TP Lạng Sơn", zh: "谅山市", en: "Lang Son City" },
  venue: { vi: "Nhà thi đấu", zh: "体育馆", en: "Sports hall" },
  province: "Lạng Sơn",
  starts_on: "2027-02-10",
  ends_on: "2027-02-12",
  registration_deadline: "2027-02-01T10:00:00+07:00",
  booth_capacity: 50,
  organizer: { vi: "Sở Công Thương", zh: "工贸厅", en: "Department of Industry and Trade" },
  sectors: ["food", "textiles"],
  aliases: [],
};

/** Imports one fair (the test fair, changed by `overrides`) as published at `publishedAt`. */
export async function publishFair(
  db: Kysely<Database>,
  publishedAt: string,
  overrides: Partial<typeof TEST_FAIR> = {},
): Promise<string[]> {
  const data = parseDataset({
    format: "trade-office-dataset/1",
    sectors: {},
    contacts: [],
    border_gates: [],
    fairs: [{ ...TEST_FAIR, ...overrides }],
  });
  return (await importDataset(db, data, new Date(publishedAt))).newFairIds;
}

export interface TestUser {
  id: number;
  language?: string | null;
  language_code?: string | null;
  timezone?: string | null;
  active?: boolean;
}

/** A user who has written to the bot, following `topics`. */
export async function addFollower(
  db: Kysely<Database>,
  user: TestUser,
  topics: Topic[],
  at = "2026-11-23T02:00:00Z",
): Promise<number> {
  await db
    .insertInto("users")
    .values({
      id: user.id,
      first_name: `User ${user.id}`,
      username: null,
      language_code: user.language_code ?? null,
      language: user.language ?? null,
      timezone: user.timezone ?? null,
      active: user.active === false ? 0 : 1,
      first_seen: at,
      last_seen: at,
    })
    .execute();
  for (const topic of topics) await addSubscription(db, user.id, topic, new Date(at));
  return user.id;
}

export const ALL: Topic = { topic: "all", value: "" };
export const fairTopic = (id: string): Topic => ({ topic: "fair", value: id });
export const sectorTopic = (id: string): Topic => ({ topic: "sector", value: id });
export const provinceTopic = (name: string): Topic => ({ topic: "province", value: name });
