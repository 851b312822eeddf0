import { afterEach, describe, expect, it, vi } from "vitest";
import { createLogger } from "../../../src/logger.js";
import { scheduleTasks } from "../../../src/platform/jobs/scheduler.js";

const ZONE = "Asia/Ho_Chi_Minh";
const at = (local: string) => new Date(`${local}+07:00`);

/** Schedules one task with the system clock (faked here) and records when it ran. */
function record(pattern: string) {
  const runs: string[] = [];
  const stop = scheduleTasks(
    [
      {
        name: "job",
        cron: pattern,
        run: async (now) => {
          runs.push(now.toISOString());
          return undefined;
        },
      },
    ],
    { timezone: ZONE, clock: () => new Date(), logger: createLogger("silent") },
  );
  return { runs, stop };
}

let stop: (() => void) | undefined;
afterEach(() => {
  stop?.();
  vi.useRealTimers();
});

describe("the job scheduler", () => {
  it("runs a job at its pattern's times", async () => {
    vi.useFakeTimers({ now: at("2026-11-23T10:00:30") });
    const job = record("* * * * *");
    stop = job.stop;
    await vi.advanceTimersByTimeAsync(120_000);
    expect(job.runs).toEqual(["2026-11-23T03:01:00.000Z", "2026-11-23T03:02:00.000Z"]);
  });

  it("goes on ticking after the clock goes back an hour", async () => {
    vi.useFakeTimers({ now: at("2026-11-23T10:00:30") });
    const job = record("* * * * *");
    stop = job.stop;
    await vi.advanceTimersByTimeAsync(31_000);
    expect(job.runs).toHaveLength(1);
    vi.setSystemTime(at("2026-11-23T09:00:30"));
    await vi.advanceTimersByTimeAsync(121_000);
    expect(job.runs.slice(1)).toEqual(["2026-11-23T02:01:00.000Z", "2026-11-23T02:02:00.000Z"]);
  });

  it("runs a daily job once when the clock jumps forward over its time", async () => {
    vi.useFakeTimers({ now: at("2026-11-23T02:00:00") });
    const job = record("17 3 * * *");
    stop = job.stop;
    await vi.advanceTimersByTimeAsync(2_000);
    vi.setSystemTime(at("2026-11-23T05:00:00"));
    await vi.advanceTimersByTimeAsync(2_000);
    expect(job.runs).toHaveLength(1);
  });

  it("runs an every-minute job once, not once per minute skipped, after a forward jump", async () => {
    vi.useFakeTimers({ now: at("2026-11-23T10:00:30") });
    const job = record("* * * * *");
    stop = job.stop;
    await vi.advanceTimersByTimeAsync(1_000);
    vi.setSystemTime(at("2026-11-23T13:00:30"));
    await vi.advanceTimersByTimeAsync(2_000);
    expect(job.runs).toHaveLength(1);
  });
});
