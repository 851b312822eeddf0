import { randomBytes } from "node:crypto";
import { dropPostgresDatabases, runPrefix } from "./helpers/databases.js";

/** Gives the run an id, so the PostgreSQL databases its tests make can be dropped at its end. */
export function setup(): () => Promise<void> {
  process.env.TEST_RUN_ID ??= randomBytes(3).toString("hex");
  return async () => {
    await dropPostgresDatabases(runPrefix()).catch(() => {});
  };
}
