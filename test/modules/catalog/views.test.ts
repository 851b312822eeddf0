import { describe, expect, it } from "vitest";
import type { Catalog, Fair } from "../../../src/domain/catalog.js";
import { fairCard } from "../../../src/modules/catalog/fair.views.js";
import type { AvailabilityByFair } from "../../../src/modules/catalog/fair-availability.service.js";
import { gateHoursLine, inBeijingTime } from "../../../src/modules/catalog/gate-hours.service.js";
import { PAGE_SIZE, upcomingFairsView } from "../../../src/modules/catalog/lists.views.js";
import { createI18n } from "../../../src/platform/telegram/i18n.js";
import { splitMessage } from "../../../src/platform/telegram/send.js";

const i18n = createI18n("vi");
const text = (s: string) => ({ vi: s, zh: s, en: s });

function catalogWithFairs(count: number): Catalog {
  const fairs = new Map<string, Fair>();
  for (let i = 1; i <= count; i++) {
    const day = String(i).padStart(2, "0");
    fairs.set(`fair-${i}`, {
      id: `fair-${i}`,
      kind: "fair",
      name: text(`Fair ${i}`),
      city: text("City"),
      venue: text("Hall"),
      province: "Lạng Sơn",
      startsOn: `2027-01-${day}`,
      endsOn: `2027-01-${day}`,
      registrationDeadline: "2026-12-20T16:59:00.000Z",
      boothCapacity: 10,
      boothFee: null,
      organizer: text("Org"),
      theme: null,
      contactId: null,
      sectors: [],
      aliases: [],
    });
  }
  return { version: "1", sectors: new Map(), contacts: new Map(), gates: new Map(), fairs };
}

/** No figures of places left: views then show none. */
const UNKNOWN: AvailabilityByFair = new Map();

const view = (count: number) => ({
  t: i18n.translator("en"),
  locale: "en" as const,
  catalog: catalogWithFairs(count),
  now: new Date("2026-11-23T02:00:00Z"),
  timezone: "Asia/Ho_Chi_Minh",
});
const callbacks = (v: ReturnType<typeof upcomingFairsView>) =>
  v.keyboard.inline_keyboard.flat().map((b) => ("callback_data" in b ? b.callback_data : ""));

describe("long fair lists", () => {
  it("are paged, with next and previous buttons", () => {
    const first = upcomingFairsView(view(20), UNKNOWN, 1);
    expect(callbacks(first).filter((d) => d.startsWith("fair:"))).toHaveLength(PAGE_SIZE);
    expect(callbacks(first)).toContain("page:fairs:2");
    expect(first.text).toContain("Page 1/3");
    const last = upcomingFairsView(view(20), UNKNOWN, 3);
    expect(callbacks(last).filter((d) => d.startsWith("fair:"))).toEqual([
      "fair:fair-17",
      "fair:fair-18",
      "fair:fair-19",
      "fair:fair-20",
    ]);
    expect(callbacks(last)).toContain("page:fairs:2");
    expect(callbacks(last)).not.toContain("page:fairs:4");
  });

  it("clamp a page number past the end to the last page", () => {
    expect(upcomingFairsView(view(20), UNKNOWN, 99).text).toContain("Page 3/3");
  });
});

describe("splitMessage", () => {
  it("keeps every part within Telegram's limit and loses no line", () => {
    const lines = Array.from({ length: 500 }, (_, i) => `line ${i} ${"x".repeat(20)}`);
    const parts = splitMessage(lines.join("\n"));
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) expect(part.length).toBeLessThanOrEqual(4096);
    expect(parts.join("\n")).toBe(lines.join("\n"));
  });
});

// Views are drawn once per language and minute and shared; these prove sharing never shows stale facts.
describe("shared views", () => {
  const _DEADLINE = "2026-12-20T16:59:00.000Z";
  const at = (iso: string, catalog: Catalog, locale: "vi" | "en" = "en") => ({
    ...view(1),
    catalog,
    locale,
    t: i18n.translator(locale),
    now: new Date(iso),
  });
  const registerButton = (v: ReturnType<typeof fairCard>) => callbacks(v).some((d) => d.startsWith("reg:"));

  it("close registration in the minute of the deadline, not a minute later", () => {
    const catalog = catalogWithFairs(1);
    const fair = catalog.fairs.get("fair-1")!;
    expect(registerButton(fairCard(at("2026-12-20T16:58:30Z", catalog), fair, UNKNOWN))).toBe(true);
    expect(registerButton(fairCard(at("2026-12-20T16:59:00Z", catalog), fair, UNKNOWN))).toBe(false);
    expect(fairCard(at("2026-12-20T16:59:40Z", catalog), fair, UNKNOWN).text).toContain("closed");
  });

  it("are drawn in the language of whoever asks", () => {
    const catalog = catalogWithFairs(1);
    const fair = catalog.fairs.get("fair-1")!;
    expect(fairCard(at("2026-11-23T02:00:00Z", catalog, "vi"), fair, UNKNOWN).text).toContain("Hạn đăng ký:");
    expect(fairCard(at("2026-11-23T02:00:10Z", catalog, "en"), fair, UNKNOWN).text).toContain("Registration deadline:");
  });

  it("show the facts of a newly imported catalog at once", () => {
    const before = catalogWithFairs(1);
    expect(upcomingFairsView(at("2026-11-23T02:00:00Z", before), UNKNOWN).text).toContain("Fair 1");
    const after = catalogWithFairs(1);
    after.fairs.set("fair-1", { ...after.fairs.get("fair-1")!, name: text("Renamed fair") });
    expect(upcomingFairsView(at("2026-11-23T02:00:05Z", after), UNKNOWN).text).toContain("Renamed fair");
  });

  it("show places left as they are when drawn, even within the same minute", () => {
    const catalog = catalogWithFairs(1);
    const fair = catalog.fairs.get("fair-1")!;
    const places = (left: number): AvailabilityByFair => new Map([["fair-1", { left, capacity: 10, waiting: 0 }]]);
    expect(fairCard(at("2026-11-23T02:00:00Z", catalog), fair, places(10)).text).toContain("10 of 10 booths left");
    expect(fairCard(at("2026-11-23T02:00:10Z", catalog), fair, places(7)).text).toContain("7 of 10 booths left");
    expect(upcomingFairsView(at("2026-11-23T02:00:20Z", catalog), places(0)).text).toContain("Full — waitlist open");
  });
});

describe("a gate's hours", () => {
  it("read in Beijing time too for a Chinese reader, an hour later", () => {
    expect(inBeijingTime("07:00-22:00")).toBe("08:00-23:00");
    expect(inBeijingTime("23:30-06:00")).toBe("00:30-07:00");
    expect(inBeijingTime("24/7")).toBeUndefined();
    const t = createI18n("vi").translator("zh");
    expect(gateHoursLine({ t, locale: "zh" }, "07:00-22:00")).toContain("北京时间 08:00-23:00");
    expect(gateHoursLine({ t: createI18n("vi").translator("vi"), locale: "vi" }, "07:00-22:00")).not.toContain("Bắc Kinh");
  });
});
