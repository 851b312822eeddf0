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

/** A forward jump up to this long is looked at second by second; a longer one minute by minute. */
const SECOND_BY_SECOND = 120;
/** A forward jump is looked back at for at most a day: a job due in it runs once, not once per slot. */
const LOOK_BACK = 24 * 3600;

/** The seconds (Unix) a tick at `now` has to look at, the previous tick having looked at `last`. */
export function secondsToCheck(last: number, now: number): number[] {
  if (now < last) return [now]; // the clock went back: go on from the new time
  if (now - last <= SECOND_BY_SECOND) return Array.from({ length: now - last }, (_, i) => last + 1 + i);
  const from = Math.max(last + 1, now - LOOK_BACK);
  const minutes: number[] = [];
  for (let s = Math.ceil(from / 60) * 60; s <= now; s += 60) minutes.push(s);
  if (minutes.at(-1) !== now) minutes.push(now);
  return minutes;
}

/**
 * Runs each task at its cron pattern; a run still going when the next is due is skipped. Each run
 * takes `now` from the clock. A failure is logged and the task runs again at its next time.
 * Returns a stop function.
 *
 * node-cron only matches the patterns here. Its own timer waits for the next due time as a wall
 * clock date: when the clock goes back (an NTP correction, a VM restored), it waits until the
 * clock catches up, up to a day with every job stopped. Here a timer ticks every second of real
 * time and asks the clock which seconds have passed since the last tick, whichever way it moved.
 */
export function scheduleTasks(
  tasks: readonly ScheduledTask[],
  options: {
    timezone: string;
    clock: Clock;
    logger: Logger;
    tickMs?: number;
    /**
     * Whether this process runs `task`'s run due at `slot`: with several instances, exactly one
     * does (claimTick); without, every due run is this process's.
     */
    claim?: (task: string, slot: Date) => Promise<boolean>;
  },
): () => void {
  const { clock, logger, tickMs = 1000, claim } = options;
  const entries = tasks.map((task) => ({
    task,
    matcher: cron.createTask(task.cron, () => undefined, { timezone: options.timezone, name: task.name }),
    running: false,
  }));
  const run = async (entry: (typeof entries)[number], slot: Date) => {
    if (entry.running) return;
    entry.running = true;
    try {
      if (claim && !(await claim(entry.task.name, slot))) return;
      const figures = await entry.task.run(clock());
      if (figures && Object.values(figures).some((n) => n > 0)) logger.info({ job: entry.task.name, ...figures }, "job done");
    } catch (error) {
      logger.error({ err: error, job: entry.task.name }, "job failed");
    } finally {
      entry.running = false;
    }
  };

  let last = Math.floor(clock().getTime() / 1000);
  let timer: NodeJS.Timeout | undefined;
  const tick = () => {
    const now = Math.floor(clock().getTime() / 1000);
    if (now < last || now - last > SECOND_BY_SECOND) {
      logger.warn({ from: new Date(last * 1000), to: new Date(now * 1000) }, "the clock jumped; jobs go on from the new time");
    }
    const due = now === last ? [] : secondsToCheck(last, now).map((s) => new Date(s * 1000));
    last = now;
    for (const entry of entries) {
      const slot = due.filter((date) => entry.matcher.match(date)).at(-1);
      if (slot) void run(entry, slot);
    }
    timer = setTimeout(tick, tickMs);
  };
  timer = setTimeout(tick, tickMs);
  return () => {
    clearTimeout(timer);
    for (const entry of entries) void entry.matcher.destroy();
  };
}
