import { loadConfigOrExit } from "../env.js";
import { createDatabase } from "../platform/db/connection.js";
import { migrateToLatest } from "../platform/db/migrate.js";

// `npm start` migrates by itself; this is for operators who want to migrate before a deploy.
const config = loadConfigOrExit();
const db = createDatabase(config.database);
try {
  const applied = await migrateToLatest(db);
  console.log(applied.length > 0 ? `Applied: ${applied.join(", ")}` : "The database is up to date.");
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
} finally {
  await db.destroy();
}
