import { describe, expect, it } from "vitest";
import {
  BEIJING_ZONE,
  daysUntilDeadline,
  formatDate,
  formatDateRange,
  formatDateTimeIn,
  VIETNAM_ZONE,
} from "../../src/domain/dates.js";

const DEADLINE = "2026-11-30T16:59:00.000Z"; // 30/11/2026 23:59 in Vietnam

describe("dates", () => {
  it("prints a date the way each language writes it", () => {
    expect(formatDate("2026-11-30", "vi")).toBe("30/11/2026");
    expect(formatDate("2026-11-30", "zh")).toBe("2026年11月30日");
    expect(formatDate("2026-11-30", "en")).toBe("30 Nov 2026");
    expect(formatDate("2027-01-08", "vi")).toBe("08/01/2027");
    expect(formatDate("2026-12-05", "zh")).toBe("2026年12月5日");
    expect(formatDate("2026-09-05", "en")).toBe("5 Sep 2026");
  });

  it("prints a range, and a one-day event as one date", () => {
    expect(formatDateRange("2026-12-16", "2026-12-20", "en")).toBe("16 Dec 2026 – 20 Dec 2026");
    expect(formatDateRange("2027-03-10", "2027-03-10", "vi")).toBe("10/03/2027");
  });

  it("shows a deadline in Vietnam time and in Beijing time, an hour later", () => {
    expect(formatDateTimeIn(DEADLINE, VIETNAM_ZONE, "vi")).toBe("30/11/2026 23:59");
    expect(formatDateTimeIn(DEADLINE, BEIJING_ZONE, "vi")).toBe("01/12/2026 00:59");
  });

  it("counts calendar days left in the office's time zone and null once passed", () => {
    expect(daysUntilDeadline(DEADLINE, new Date("2026-11-23T02:00:00Z"), VIETNAM_ZONE)).toBe(7);
    expect(daysUntilDeadline(DEADLINE, new Date("2026-11-29T23:30:00+07:00"), VIETNAM_ZONE)).toBe(1);
    expect(daysUntilDeadline(DEADLINE, new Date("2026-11-30T08:00:00+07:00"), VIETNAM_ZONE)).toBe(0);
    expect(daysUntilDeadline(DEADLINE, new Date("2026-12-01T00:00:00+07:00"), VIETNAM_ZONE)).toBeNull();
  });
});
