import { describe, expect, it } from "vitest";
import type { Fair } from "../../../src/domain/catalog.js";
import { fairCalendar } from "../../../src/modules/catalog/calendar.service.js";
import { childrenOf, instantOf, parseIcs, prop } from "../../helpers/ics.js";

const text = (s: string) => ({ vi: s, zh: s, en: s });
const FAIR: Fair = {
  id: "vn-cn-langson-2026",
  kind: "fair",
  name: text("Trade Fair, Lang Son; 2026"),
  city: text("Lang Son City"),
  venue: text("Central square"),
  province: "Lạng Sơn",
  startsOn: "2026-12-08",
  endsOn: "2026-12-12",
  registrationDeadline: "2026-11-30T16:59:00.000Z",
  boothCapacity: 240,
  boothFee: null,
  organizer: text("Ministry"),
  theme: null,
  contactId: null,
  sectors: [],
  aliases: [],
};
const TEXTS = {
  fairSummary: "Trade Fair, Lang Son; 2026",
  fairDescription: "Ministry\nCentral square, Lang Son City",
  location: "Central square, Lang Son City",
  deadlineSummary: "Registration deadline: Trade Fair, Lang Son; 2026",
  deadlineAlarm: "Registration closes in 1 day",
  language: "en",
};
const NOW = new Date("2026-11-23T02:00:00Z");

function read(zone: string) {
  const calendar = parseIcs(fairCalendar(FAIR, TEXTS, { zone, now: NOW }));
  const [fair, deadline] = childrenOf(calendar, "VEVENT");
  return { calendar, fair: fair!, deadline: deadline! };
}

describe("a fair's calendar file", () => {
  it("parses, with the fair as whole days from the first to the last (end exclusive)", () => {
    const { calendar, fair } = read("Asia/Ho_Chi_Minh");
    expect(instantOf(calendar, prop(fair, "DTSTART")!)).toBe("2026-12-08");
    expect(instantOf(calendar, prop(fair, "DTEND")!)).toBe("2026-12-13");
    expect(prop(fair, "SUMMARY")?.value).toBe("Trade Fair, Lang Son; 2026");
    expect(prop(fair, "DESCRIPTION")?.value).toBe("Ministry\nCentral square, Lang Son City");
    expect(prop(fair, "UID")?.value).toBe("fair-vn-cn-langson-2026@border-trade-bot");
    expect(prop(fair, "DTSTAMP")?.value).toBe("20261123T020000Z");
  });

  it("has the deadline at its instant, 23:59 in Vietnam time, with a VTIMEZONE and an alarm a day before", () => {
    const { calendar, deadline } = read("Asia/Ho_Chi_Minh");
    expect(prop(deadline, "DTSTART")).toEqual({ params: { TZID: "Asia/Ho_Chi_Minh" }, value: "20261130T235900" });
    expect(instantOf(calendar, prop(deadline, "DTSTART")!)).toBe("2026-11-30T16:59:00.000Z");
    expect(prop(childrenOf(deadline, "VALARM")[0]!, "TRIGGER")?.value).toBe("-P1D");
    expect(childrenOf(calendar, "VTIMEZONE")).toHaveLength(1);
  });

  it("for a reader in Beijing time, the same instant written as 00:59 the next day", () => {
    const { calendar, deadline } = read("Asia/Shanghai");
    expect(prop(deadline, "DTSTART")).toEqual({ params: { TZID: "Asia/Shanghai" }, value: "20261201T005900" });
    expect(instantOf(calendar, prop(deadline, "DTSTART")!)).toBe("2026-11-30T16:59:00.000Z");
  });

  it("in a zone with summer time, writes the deadline in UTC rather than a zone it cannot describe", () => {
    const { calendar, deadline } = read("Europe/Berlin");
    expect(prop(deadline, "DTSTART")?.value).toBe("20261130T165900Z");
    expect(childrenOf(calendar, "VTIMEZONE")).toEqual([]);
  });
});
