import fs from "node:fs";
import path from "node:path";
import { loadConfigOrExit } from "../env.js";
import { loadCatalog } from "../modules/catalog/catalog.service.js";
import { catalogDataset, fairsTable, gatesTable } from "../modules/catalog/catalog-export.service.js";
import { databaseLabel } from "../platform/db/postgres.js";
import { toCsv } from "../platform/files/spreadsheet.js";
import { exitWithUsage, runWithDatabase } from "./run.js";

const usage =
  "Usage: npm run export -- <file.json | fairs.csv | gates.csv>\n       (a .json file gets everything; a .csv file named fairs… or gates… gets those)";

const config = loadConfigOrExit();
const [file, ...rest] = process.argv.slice(2);
const kind = file?.endsWith(".json")
  ? "dataset"
  : /^fairs.*\.csv$/i.test(path.basename(file ?? ""))
    ? "fairs"
    : /^gates.*\.csv$/i.test(path.basename(file ?? ""))
      ? "gates"
      : undefined;
if (!file || rest.length > 0 || !kind) exitWithUsage(usage);

await runWithDatabase(config.database, async (db) => {
  const catalog = await loadCatalog(db);
  const now = new Date();
  const data =
    kind === "dataset"
      ? `${JSON.stringify(catalogDataset(catalog, config.timezone, now), null, 2)}\n`
      : toCsv(kind === "fairs" ? fairsTable(catalog, config.timezone, now) : gatesTable(catalog, now));
  fs.writeFileSync(file, data);
  console.log(
    `${file}: exported ${kind === "dataset" ? "sectors, contacts, border gates and fairs" : kind} from ${databaseLabel(config.database)}`,
  );
});
