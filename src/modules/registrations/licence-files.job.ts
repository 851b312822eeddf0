import type { Job } from "../../bot/module.js";
import { deleteStoredFile, storedFilesOlderThan } from "../../platform/files/stored-files.js";
import { LICENCE_FOLDER } from "./licence-file.js";
import { licencePathsInUse } from "./registrations.repository.js";

/** A copy nothing names is kept this long: the form that stored it may not have been saved yet. */
const UNUSED_KEPT_DAYS = 2;

/**
 * Every night: deletes licence copies of sign-ups that were never confirmed (or whose licence was
 * replaced). Only files untouched for a while go, so one stored a moment ago, whose form has not
 * been saved yet, is never taken.
 */
export const licenceFilesJob: Job = {
  name: "licence-files",
  schedule: "37 3 * * *",
  async run(deps, now) {
    const candidates = storedFilesOlderThan(
      deps.config.dataDir,
      LICENCE_FOLDER,
      new Date(now.getTime() - UNUSED_KEPT_DAYS * 86_400_000),
    );
    if (candidates.length === 0) return { deleted: 0 };
    const inUse = await licencePathsInUse(deps.db, LICENCE_FOLDER);
    const unused = candidates.filter((file) => !inUse.has(file));
    for (const file of unused) deleteStoredFile(deps.config.dataDir, file);
    return { deleted: unused.length };
  },
};
