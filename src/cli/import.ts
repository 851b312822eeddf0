import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createDatabase, migrateToLatest } from "../db/index.js";
import { loadConfigOrExit } from "../env.js";
import { readDatasetFile } from "../services/dataset-file.js";
import { importDataset, parseDataset } from "../services/dataset-import.js";

export const DEMO_DATASET = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../data/demo-dataset.json");

const usage = "Usage: npm run import -- <dataset.json | fairs.csv | gates.csv> [more files]\n       npm run import -- --demo";

const config = loadConfigOrExit();
const args = process.argv.slice(2);
const files = args.map((arg) => (arg === "--demo" ? DEMO_DATASET : arg));
if (files.length === 0 || files.some((f) => f.startsWith("--"))) {
  console.error(usage);
  process.exit(2);
}

const db = createDatabase(config.databasePath);
let exitCode = 0;
try {
  await migrateToLatest(db);
  for (const file of files) {
    if (!fs.existsSync(file)) throw new Error(`${file}: no such file`);
    const summary = await importDataset(db, parseDataset(readDatasetFile(file, fs.readFileSync(file, "utf8"), config.timezone)), new Date());
    console.log(
      `${path.basename(file)}: imported ${summary.sectors} sectors, ${summary.contacts} contacts, ${summary.gates} border gates, ${summary.fairs} fairs (${summary.newFairIds.length} new) into ${config.databasePath}`,
    );
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  exitCode = 1;
} finally {
  await db.destroy();
}
process.exit(exitCode);
