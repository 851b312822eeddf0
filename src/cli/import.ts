import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { loadConfigOrExit } from "../env.js";
import { decodeDatasetFile, readDatasetFile } from "../modules/catalog/dataset-file.js";
import { importDataset, parseDataset } from "../modules/catalog/dataset-import.service.js";
import { databaseLabel } from "../platform/db/postgres.js";
import { exitWithUsage, runWithDatabase } from "./run.js";

export const DEMO_DATASET = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../data/demo-dataset.json");

const usage =
  "Usage: npm run import -- [--force] <dataset.json | fairs.csv | gates.csv> [more files]\n       npm run import -- --demo\n" +
  "       --force: import records changed here after the file was exported too (undoing those changes)";

const config = loadConfigOrExit();
const args = process.argv.slice(2);
const overwriteNewer = args.includes("--force");
const files = args.filter((arg) => arg !== "--force").map((arg) => (arg === "--demo" ? DEMO_DATASET : arg));
if (files.length === 0 || files.some((f) => f.startsWith("--"))) exitWithUsage(usage);

await runWithDatabase(config.database, async (db) => {
  for (const file of files) {
    if (!fs.existsSync(file)) throw new Error(`${file}: no such file`);
    const summary = await importDataset(
      db,
      parseDataset(readDatasetFile(file, decodeDatasetFile(fs.readFileSync(file)), config.timezone)),
      new Date(),
      { overwriteNewer },
    );
    console.log(
      `${path.basename(file)}: imported ${summary.sectors} sectors, ${summary.contacts} contacts, ${summary.gates} border gates, ${summary.fairs} fairs (${summary.newFairIds.length} new) into ${databaseLabel(config.database)}`,
    );
  }
});
