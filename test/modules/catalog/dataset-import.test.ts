import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { getCatalogVersion } from "../../../src/modules/catalog/catalog-version.repository.js";
import { datasetFromCsv } from "../../../src/modules/catalog/csv-dataset.js";
import { ImportError, importDataset, parseDataset } from "../../../src/modules/catalog/dataset-import.service.js";
import { listFairs } from "../../../src/modules/catalog/fairs.repository.js";
import { listGates } from "../../../src/modules/catalog/gates.repository.js";
import { createDatabase } from "../../../src/platform/db/connection.js";
import { migrateToLatest } from "../../../src/platform/db/migrate.js";
import { DEMO_DATASET_PATH, demoDatabase, tempDatabasePath } from "../../helpers/app.js";

const NOW = new Date("2026-11-23T02:00:00Z");
const rawDemo = () => JSON.parse(fs.readFileSync(DEMO_DATASET_PATH, "utf8"));

function problemsOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof ImportError) return error.problems.map((p) => `${p.record} ${p.field}: ${p.message}`);
    throw error;
  }
  return [];
}

async function rejectedProblems(promise: Promise<unknown>): Promise<string[]> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ImportError);
  return (error as ImportError).problems.map((p) => `${p.record} ${p.field}: ${p.message}`);
}

describe("dataset import", () => {
  it("loads the demo dataset into a fresh database", async () => {
    const db = createDatabase(tempDatabasePath());
    await migrateToLatest(db);
    const summary = await importDataset(db, parseDataset(rawDemo()), NOW);
    expect(summary).toMatchObject({ sectors: 14, contacts: 5, gates: 9, fairs: 8 });
    const laoCai = (await listFairs(db)).find((f) => f.id === "vn-cn-laocai-2026");
    expect(laoCai?.registrationDeadline).toBe("2026-12-05T16:59:00.000Z");
    expect(laoCai?.sectors).toContain("food");
    await db.destroy();
  });

  it("upserts by id: importing again updates records instead of adding them", async () => {
    const { db } = await demoDatabase();
    const data = rawDemo();
    data.fairs[0].name.en = "Renamed fair";
    const before = await getCatalogVersion(db);
    const summary = await importDataset(db, parseDataset(data), NOW);
    expect(summary.newFairIds).toEqual([]);
    const fairs = await listFairs(db);
    expect(fairs).toHaveLength(8);
    expect(fairs.find((f) => f.id === data.fairs[0].id)?.name.en).toBe("Renamed fair");
    expect(await getCatalogVersion(db)).not.toBe(before);
    await db.destroy();
  });

  it("raises the revision of a fair an import changed, and only of that fair", async () => {
    const { db } = await demoDatabase();
    const data = rawDemo();
    data.fairs[0].sectors.reverse();
    data.fairs[1].name = { en: data.fairs[1].name.en, zh: data.fairs[1].name.zh, vi: data.fairs[1].name.vi };
    data.fairs[2].booth_capacity += 10;
    const later = new Date(NOW.getTime() + 3_600_000);
    await importDataset(db, parseDataset(data), later);
    const fairs = new Map((await listFairs(db)).map((f) => [f.id, f]));
    // The same sectors in another order, the same names in another key order: nothing changed.
    expect(fairs.get(data.fairs[0].id)).toMatchObject({ revision: 0, revisedAt: NOW.toISOString() });
    expect(fairs.get(data.fairs[1].id)).toMatchObject({ revision: 0, revisedAt: NOW.toISOString() });
    expect(fairs.get(data.fairs[2].id)).toMatchObject({ revision: 1, revisedAt: later.toISOString() });
    await importDataset(db, parseDataset(data), new Date(later.getTime() + 60_000));
    expect((await listFairs(db)).find((f) => f.id === data.fairs[2].id)?.revision).toBe(1);
    await db.destroy();
  });

  it("names the record, the field and the problem for bad data", () => {
    const data = rawDemo();
    data.fairs[3].starts_on = "2026-13-45";
    data.fairs[4].name = { vi: "Chỉ tiếng Việt" };
    data.border_gates[1].type = "small";
    data.contacts[0].email = "not-an-email";
    const problems = problemsOf(() => parseDataset(data));
    expect(problems).toEqual(
      expect.arrayContaining([
        `fairs[${data.fairs[3].id}] starts_on: must be a date YYYY-MM-DD`,
        expect.stringMatching(new RegExp(`^fairs\\[${data.fairs[4].id}\\] name.zh: `)),
        `border_gates[${data.border_gates[1].id}] type: must be "international" or "main"`,
        `contacts[${data.contacts[0].id}] email: must be an e-mail address`,
      ]),
    );
  });

  it("refuses texts over their limit, naming the record and the field", () => {
    const data = rawDemo();
    data.fairs[0].name.en = "x".repeat(10_000);
    data.fairs[1].venue.zh = "会".repeat(201);
    data.border_gates[0].aliases = ["a".repeat(101)];
    expect(problemsOf(() => parseDataset(data))).toEqual(
      expect.arrayContaining([
        `border_gates[${data.border_gates[0].id}] aliases.0: must be at most 100 characters`,
        `fairs[${data.fairs[0].id}] name.en: must be at most 200 characters`,
        `fairs[${data.fairs[1].id}] venue.zh: must be at most 200 characters`,
      ]),
    );
  });

  it("refuses the years 0000 and 9999 and a capacity of 2^53-1", () => {
    const data = rawDemo();
    data.fairs[0].starts_on = "0000-01-01";
    data.fairs[1].ends_on = "9999-12-31";
    data.fairs[2].registration_deadline = "9999-12-31T23:59:00+07:00";
    data.fairs[3].booth_capacity = Number.MAX_SAFE_INTEGER;
    expect(problemsOf(() => parseDataset(data))).toEqual(
      expect.arrayContaining([
        `fairs[${data.fairs[0].id}] starts_on: must be in the years 2000-2100`,
        `fairs[${data.fairs[1].id}] ends_on: must be in the years 2000-2100`,
        `fairs[${data.fairs[2].id}] registration_deadline: must be in the years 2000-2100`,
        `fairs[${data.fairs[3].id}] booth_capacity: must be at most 100000`,
      ]),
    );
  });

  it("changes nothing when any record is bad, even if the rest are fine", async () => {
    const { db } = await demoDatabase();
    const data = rawDemo();
    data.fairs[0].name.en = "This rename must not land";
    data.fairs.push({ ...data.fairs[1], id: "new-fair-2027", contact_id: "no-such-office" });
    const version = await getCatalogVersion(db);
    const problems = await rejectedProblems(importDataset(db, parseDataset(data), NOW));
    expect(problems).toEqual(['fairs[new-fair-2027] contact_id: no contact with id "no-such-office"']);
    const fairs = await listFairs(db);
    expect(fairs).toHaveLength(8);
    expect(fairs.find((f) => f.id === data.fairs[0].id)?.name.en).not.toBe("This rename must not land");
    expect(await getCatalogVersion(db)).toBe(version);
    await db.destroy();
  });

  it("rejects a fair whose sectors are unknown and a duplicated id", async () => {
    const data = rawDemo();
    data.fairs.push({ ...data.fairs[1] });
    expect(problemsOf(() => parseDataset(data))).toEqual([`fairs[${data.fairs[1].id}] id: appears twice`]);
    const { db } = await demoDatabase();
    const other = rawDemo();
    other.fairs[2].sectors = ["agriculture", "spaceships"];
    expect(await rejectedProblems(importDataset(db, parseDataset(other), NOW))).toEqual([
      `fairs[${other.fairs[2].id}] sectors: no sector with id "spaceships"`,
    ]);
    await db.destroy();
  });

  it("rejects a file of another format", () => {
    expect(problemsOf(() => parseDataset({ format: "something-else/2" }))).toEqual([
      '(file) format: must be "trade-office-dataset/1"',
    ]);
  });
});

describe("staff CSV import", () => {
  const fairsCsv = [
    "id,kind,name_vi,name_zh,name_en,city_vi,city_zh,city_en,venue_vi,venue_zh,venue_en,province,starts_on,ends_on,registration_deadline,booth_capacity,booth_fee_vi,booth_fee_zh,booth_fee_en,organizer_vi,organizer_zh,organizer_en,theme_vi,theme_zh,theme_en,sectors,contact_id,aliases",
    "cao-bang-2027,fair,Hội chợ Cao Bằng 2027,2027高平博览会,Cao Bang Fair 2027,TP Cao Bằng,高平市,Cao Bang City,Quảng trường,广场,Square,Cao Bằng,15/05/2027,19/05/2027,30/04/2027 17:00,120,,,,UBND tỉnh Cao Bằng,高平省人民委员会,Cao Bang People's Committee,,,,agriculture;tourism,lso-doit,hoi cho cao bang;高平博览会",
  ].join("\n");

  it("imports fairs typed the Vietnamese way, with local deadline times", async () => {
    const { db } = await demoDatabase();
    await importDataset(db, parseDataset(datasetFromCsv(fairsCsv, "Asia/Ho_Chi_Minh")), NOW);
    const fair = (await listFairs(db)).find((f) => f.id === "cao-bang-2027");
    expect(fair).toMatchObject({
      startsOn: "2027-05-15",
      endsOn: "2027-05-19",
      registrationDeadline: "2027-04-30T10:00:00.000Z",
      sectors: ["agriculture", "tourism"],
      aliases: ["hoi cho cao bang", "高平博览会"],
      boothFee: null,
    });
    await db.destroy();
  });

  it("imports gates and names the bad row's id and field", async () => {
    const header =
      "id,name_vi,name_zh,name_en,counterpart_vi,counterpart_zh,counterpart_en,province,type,modes,hours,phone,email,contact_id,aliases";
    const good =
      "soc-giang,Cửa khẩu Sóc Giang,朔江口岸,Soc Giang Border Gate,Bình Mãng,平孟,Pingmeng,Cao Bằng,main,road,07:00-17:00,+84 206 000 4002,,,soc giang";
    const { db } = await demoDatabase();
    await importDataset(db, parseDataset(datasetFromCsv(`${header}\n${good}`, "Asia/Ho_Chi_Minh")), NOW);
    expect((await listGates(db)).map((g) => g.id)).toContain("soc-giang");
    const bad = good.replace("soc-giang,", "bad-gate,").replace("07:00-17:00", "morning");
    expect(problemsOf(() => parseDataset(datasetFromCsv(`${header}\n${bad}`, "Asia/Ho_Chi_Minh")))).toEqual([
      'border_gates[bad-gate] hours: must be "HH:MM-HH:MM" or "24/7"',
    ]);
    await db.destroy();
  });

  it("says which columns a CSV is missing", () => {
    expect(problemsOf(() => datasetFromCsv("id,name_vi,starts_on\nx,y,2027-01-01", "Asia/Ho_Chi_Minh"))[0]).toMatch(
      /missing column\(s\) ends_on, registration_deadline/,
    );
  });
});
