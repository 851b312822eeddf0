import { describe, expect, it } from "vitest";
import type { Catalog } from "../../../src/domain/catalog.js";
import { loadCatalog } from "../../../src/modules/catalog/catalog.service.js";
import { catalogDataset, fairsTable, gatesTable } from "../../../src/modules/catalog/catalog-export.service.js";
import { datasetFromCsv } from "../../../src/modules/catalog/csv-dataset.js";
import { importDataset, parseDataset } from "../../../src/modules/catalog/dataset-import.service.js";
import { createDatabase } from "../../../src/platform/db/connection.js";
import { migrateToLatest } from "../../../src/platform/db/migrate.js";
import { toCsv } from "../../../src/platform/files/spreadsheet.js";
import { demoDatabase, tempDatabasePath } from "../../helpers/app.js";

const NOW = new Date("2026-11-23T02:00:00Z");
const ZONE = "Asia/Ho_Chi_Minh";
const contents = (c: Catalog) => ({
  sectors: [...c.sectors.values()],
  contacts: [...c.contacts.values()],
  gates: [...c.gates.values()],
  fairs: [...c.fairs.values()],
});

async function demoCatalog(): Promise<Catalog> {
  const { db } = await demoDatabase();
  const catalog = await loadCatalog(db);
  await db.destroy();
  return catalog;
}

async function freshDatabase() {
  const db = createDatabase(tempDatabasePath());
  await migrateToLatest(db);
  return db;
}

// Staff download the catalog, change it and import it again: what comes back must be what went out.
describe("catalog export", () => {
  it("as a dataset file, imports into an empty database as the same catalog", async () => {
    const original = await demoCatalog();
    const db = await freshDatabase();
    await importDataset(db, parseDataset(JSON.parse(JSON.stringify(catalogDataset(original, ZONE)))), NOW);
    expect(contents(await loadCatalog(db))).toEqual(contents(original));
    await db.destroy();
  });

  it("as the fairs and gates CSV files, reads back through the staff CSV import unchanged", async () => {
    const original = await demoCatalog();
    const db = await freshDatabase();
    // Offices and sectors first (the CSVs refer to them), then the two spreadsheets.
    await importDataset(db, parseDataset({ ...catalogDataset(original, ZONE), border_gates: [], fairs: [] }), NOW);
    for (const table of [gatesTable(original), fairsTable(original, ZONE)]) {
      const csv = toCsv(table).toString("utf8");
      await importDataset(db, parseDataset(datasetFromCsv(csv, ZONE)), NOW);
    }
    expect(contents(await loadCatalog(db))).toEqual(contents(original));
    await db.destroy();
  });

  it("keeps a deadline's seconds through the CSV", async () => {
    const original = await demoCatalog();
    const fair = original.fairs.get("vn-cn-laocai-2026")!;
    fair.registrationDeadline = "2026-12-05T16:59:59.000Z";
    const db = await freshDatabase();
    await importDataset(db, parseDataset({ ...catalogDataset(original, ZONE), border_gates: [], fairs: [] }), NOW);
    await importDataset(db, parseDataset(datasetFromCsv(toCsv(fairsTable(original, ZONE)).toString("utf8"), ZONE)), NOW);
    expect((await loadCatalog(db)).fairs.get(fair.id)?.registrationDeadline).toBe("2026-12-05T16:59:59.000Z");
    await db.destroy();
  });

  it("writes deadlines as the office's wall-clock time and keeps a phone starting with + safe from Excel formulas", async () => {
    const original = await demoCatalog();
    const fairs = toCsv(fairsTable(original, ZONE)).toString("utf8");
    expect(fairs).toContain("05/12/2026 23:59");
    const gates = toCsv(gatesTable(original)).toString("utf8");
    expect(gates).toMatch(/,'\+84 205/);
    const huuNghi = original.gates.get("huu-nghi")!;
    huuNghi.phone = "+842050001001";
    expect(toCsv(gatesTable(original)).toString("utf8")).toContain(',"=""+842050001001""",');
  });

  it("reads back through the CSV exactly a text that really starts with an apostrophe, or with = + - @", async () => {
    const original = await demoCatalog();
    const fair = original.fairs.get("vn-cn-laocai-2026")!;
    fair.name = { vi: "'=Hội chợ", zh: "''+老街", en: "-Lao Cai fair" };
    fair.organizer = { vi: "@Sở Công Thương", zh: "'@老街", en: "'Quoted' organiser" };
    fair.aliases = ["'-5", "=SUM(A1)"];
    original.gates.get("huu-nghi")!.phone = "+842050001001";
    const db = await freshDatabase();
    await importDataset(db, parseDataset({ ...catalogDataset(original, ZONE), border_gates: [], fairs: [] }), NOW);
    for (const table of [gatesTable(original), fairsTable(original, ZONE)]) {
      await importDataset(db, parseDataset(datasetFromCsv(toCsv(table).toString("utf8"), ZONE)), NOW);
    }
    const back = await loadCatalog(db);
    expect(back.fairs.get(fair.id)).toMatchObject({ name: fair.name, organizer: fair.organizer, aliases: fair.aliases });
    expect(back.gates.get("huu-nghi")?.phone).toBe("+842050001001");
    await db.destroy();
  });
});
