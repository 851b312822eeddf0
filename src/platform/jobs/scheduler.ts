import cron from "node-cron";
import type { Clock } from "../../clock.js";
import type { Logger } from "../../logger.js";

/** Whether node-cron reads this pattern. */
export const isCronPattern = (pattern: string): boolean => cron.validate(pattern);

export interface ScheduledTask {
  name: string;
  /** A node-cron pattern, read in `timezone`. */
  cron: string;
  /** Does the work as of `now`; the figures it returns are logged when any is not zero. */
  run(now: Date): Promise<Record<string, number> | undefined>;
}

/**
 * Runs each task at its cron pattern with node-cron; a run still going when the next is due is
 * skipped. Each run takes `now` from the clock. A failure is logged and the task runs again at its
 * next time. Returns a stop function.
 */
export function scheduleTasks(
  tasks: readonly ScheduledTask[],
  options: { timezone: string; clock: Clock; logger: Logger },
): () => void {
  const { clock, logger } = options;
  const scheduled = tasks.map((task) =>
    cron.schedule(
      task.cron,
      async () => {
        try {
          const figures = await task.run(clock());
          if (figures && Object.values(figures).some((n) => n > 0)) logger.info({ job: task.name, ...figures }, "job done");
        } catch (error) {
          logger.error({ err: error, job: task.name }, "job failed");
        }
      },
      { timezone: options.timezone, noOverlap: true, name: task.name },
    ),
  );
  return () => {
    for (const task of scheduled) void task.stop();
  };
}
