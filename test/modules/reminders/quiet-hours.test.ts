import { describe, expect, it } from "vitest";
import { userZone } from "../../../src/domain/zones.js";
import { quietHoursEnd } from "../../../src/modules/reminders/quiet-hours.js";

const VN = "Asia/Ho_Chi_Minh";
const CN = "Asia/Shanghai";
const at = (iso: string) => new Date(iso);
const end = (iso: string, zone = VN) => quietHoursEnd(at(iso), zone).toISOString();

describe("quiet hours, 21:00 to 07:30 in the user's zone", () => {
  it("let a message through at once during the day", () => {
    expect(end("2026-11-24T07:30:00+07:00")).toBe("2026-11-24T00:30:00.000Z");
    expect(end("2026-11-24T20:59:00+07:00")).toBe("2026-11-24T13:59:00.000Z");
  });

  it("hold an evening message until 07:30 the next morning", () => {
    expect(end("2026-11-24T21:00:00+07:00")).toBe("2026-11-25T00:30:00.000Z");
    expect(end("2026-11-24T23:59:00+07:00")).toBe("2026-11-25T00:30:00.000Z");
  });

  it("hold a night message until 07:30 the same morning", () => {
    expect(end("2026-11-25T00:00:00+07:00")).toBe("2026-11-25T00:30:00.000Z");
    expect(end("2026-11-25T07:29:00+07:00")).toBe("2026-11-25T00:30:00.000Z");
  });

  it("count in Beijing time for a user there: 06:45 in Vietnam is already 07:45 in Beijing", () => {
    expect(end("2026-11-25T06:45:00+07:00", CN)).toBe("2026-11-24T23:45:00.000Z");
    expect(end("2026-11-25T06:45:00+07:00", VN)).toBe("2026-11-25T00:30:00.000Z");
    expect(end("2026-11-24T20:30:00+07:00", CN)).toBe("2026-11-24T23:30:00.000Z");
  });

  it("are in Vietnam time by default, Beijing time for Chinese readers, or the zone the user chose", () => {
    expect(userZone(null, "vi", VN)).toBe(VN);
    expect(userZone(null, "en", VN)).toBe(VN);
    expect(userZone(null, "zh", VN)).toBe(CN);
    expect(userZone(VN, "zh", VN)).toBe(VN);
    expect(userZone(CN, "vi", VN)).toBe(CN);
  });
});
