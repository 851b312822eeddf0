import ICAL from "ical.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importDataset } from "../../src/modules/catalog/dataset-import.service.js";
import { createI18n } from "../../src/platform/telegram/i18n.js";
import { demoDataset, startTestBot, TEST_NOW, type TestBot } from "../helpers/app.js";
import { insertTestRegistration } from "../helpers/registrations.js";
import { seedUsers } from "../helpers/users.js";

const i18n = createI18n("vi");
let bot: TestBot;
let base: string;

beforeAll(async () => {
  bot = await startTestBot();
  base = bot.app.http!.url;
});
afterAll(async () => bot.stop());

const get = (path: string, headers: Record<string, string> = {}) => fetch(`${base}${path}`, { headers });
const text = async (path: string, headers: Record<string, string> = {}) => {
  const response = await get(path, headers);
  expect(response.status, path).toBe(200);
  return response.text();
};
/** The fair ids a /fairs page links to, in order. */
const listed = (html: string) => [...html.matchAll(/<h2><a href="\/fairs\/([a-z0-9-]+)\?/g)].map((m) => m[1]);

/** The events of a feed, parsed by ical.js: UID, SEQUENCE, and the component itself. */
function events(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  return calendar.getAllSubcomponents("vevent").map((event) => ({
    uid: String(event.getFirstPropertyValue("uid")),
    sequence: Number(event.getFirstPropertyValue("sequence") ?? 0),
    summary: String(event.getFirstPropertyValue("summary")),
    event,
  }));
}

describe("the fairs page", () => {
  it("lists the upcoming events soonest first and leaves the past ones out", async () => {
    const html = await text("/fairs?lang=en");
    const ids = listed(html);
    const catalog = demoDataset();
    const today = "2026-11-23";
    const upcoming = catalog.fairs
      .filter((f) => f.ends_on >= today)
      .sort((a, b) => a.starts_on.localeCompare(b.starts_on) || a.id.localeCompare(b.id))
      .map((f) => f.id);
    expect(ids).toEqual(upcoming);
    expect(catalog.fairs.some((f) => f.ends_on < today && !ids.includes(f.id))).toBe(true);
  });

  it("is in the language of ?lang, else of Accept-Language, else the default", async () => {
    expect(await text("/fairs?lang=zh")).toContain('<html lang="zh-Hans">');
    expect(await text("/fairs", { "accept-language": "fr-FR, zh-CN;q=0.8, en;q=0.5" })).toContain(
      i18n.t("zh", "site.fairs_title"),
    );
    expect(await text("/fairs", { "accept-language": "en-GB,en;q=0.9" })).toContain(i18n.t("en", "site.fairs_title"));
    expect(await text("/fairs")).toContain(i18n.t("vi", "site.fairs_title"));
  });

  it("narrows to a province and a kind of event with plain query parameters", async () => {
    const all = listed(await text("/fairs?lang=en"));
    const laoCai = listed(await text("/fairs?lang=en&province=lao-cai"));
    expect(laoCai.length).toBeGreaterThan(0);
    expect(laoCai.length).toBeLessThan(all.length);
    const dataset = demoDataset();
    for (const id of laoCai) expect(dataset.fairs.find((f) => f.id === id)?.province).toBe("Lào Cai");
    const seminars = listed(await text("/fairs?lang=en&kind=seminar"));
    for (const id of seminars) expect(dataset.fairs.find((f) => f.id === id)?.kind).toBe("seminar");
    const none = await text("/fairs?lang=en&province=lao-cai&kind=forum");
    expect(listed(none)).toEqual([]);
    expect(none).toContain(i18n.t("en", "site.show_all"));
  });

  it("answers 304 to a request that has the same page already, and serves the stylesheet cacheable for a year", async () => {
    const first = await get("/fairs?lang=en");
    const etag = first.headers.get("etag")!;
    expect(etag).toMatch(/^"/);
    expect((await get("/fairs?lang=en", { "if-none-match": etag })).status).toBe(304);
    expect((await get("/fairs?lang=vi", { "if-none-match": etag })).status).toBe(200);
    const html = await first.text();
    const css = /href="(\/site\.css\?v=[0-9a-f]+)"/.exec(html)![1]!;
    const sheet = await get(css);
    expect(sheet.headers.get("content-type")).toContain("text/css");
    expect(sheet.headers.get("cache-control")).toContain("max-age=31536000");
  });
});

describe("an event's page", () => {
  it("shows the card: dates, venue with a map link, deadline in both zones with days left, places left, contact", async () => {
    const html = await text("/fairs/vn-cn-langson-2026?lang=en");
    expect(html).toContain("8 Dec 2026 – 12 Dec 2026");
    expect(html).toContain("https://www.openstreetmap.org/search?query=");
    expect(html).toContain("30 Nov 2026 23:59 (Vietnam time) · 1 Dec 2026 00:59 (Beijing time)");
    expect(html).toContain("7 days left");
    expect(html).toMatch(/\d+ of 240 booths left/);
    expect(html).toContain("Sectors:");
  });

  it("carries schema.org Event JSON-LD and Open Graph tags", async () => {
    const html = await text("/fairs/vn-cn-langson-2026?lang=vi");
    const json = JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/s.exec(html)![1]!);
    expect(json).toMatchObject({ "@type": "Event", startDate: "2026-12-08", endDate: "2026-12-12" });
    expect(json.location["@type"]).toBe("Place");
    expect(html).toContain('<meta property="og:title" content="');
    expect(html).toContain('<meta property="og:locale" content="vi_VN">');
  });

  it("has a QR code and a link that open the bot at this fair, and webcal links to subscribe", async () => {
    const html = await text("/fairs/vn-cn-langson-2026?lang=en");
    expect(html).toContain(`https://t.me/${bot.api.botInfo.username}?start=fair-vn-cn-langson-2026`);
    expect(html).toMatch(/<svg role="img"[^>]*viewBox/);
    expect(html).toMatch(/href="webcal:\/\/[^"]+\/calendar\.ics\?lang=en"/);
    expect(html).toMatch(/href="http:\/\/[^"]+\/fairs\/vn-cn-langson-2026\.ics\?lang=en"/);
  });

  it("answers 404 with a translated page for an unknown event", async () => {
    const response = await get("/fairs/no-such-fair?lang=zh");
    expect(response.status).toBe(404);
    expect(await response.text()).toContain(i18n.t("zh", "site.not_found"));
  });
});

describe("the calendar feeds", () => {
  it("hold every upcoming event and its deadline, with a VTIMEZONE and an alarm on each deadline", async () => {
    const ics = await text("/calendar.ics?lang=en");
    const calendar = new ICAL.Component(ICAL.parse(ics));
    expect(calendar.getAllSubcomponents("vtimezone").map((z) => z.getFirstPropertyValue("tzid"))).toEqual(["Asia/Ho_Chi_Minh"]);
    const all = events(ics);
    const upcoming = listed(await text("/fairs?lang=en"));
    expect(all.map((e) => e.uid).sort()).toEqual(
      upcoming.flatMap((id) => [`fair-${id}@border-trade-bot`, `deadline-${id}@border-trade-bot`]).sort(),
    );
    for (const deadline of all.filter((e) => e.uid.startsWith("deadline-")))
      expect(deadline.event.getAllSubcomponents("valarm")).toHaveLength(1);
  });

  it("for Chinese readers, are in Chinese with deadlines in Beijing time; one province's feed holds only its events", async () => {
    const zh = events(await text("/calendar.ics?lang=zh&province=lao-cai"));
    expect(zh.length).toBeGreaterThan(0);
    expect(zh.every((e) => e.uid.includes("laocai") || e.uid.includes("lao-cai") || e.uid.includes("hekou"))).toBe(true);
    const deadline = zh.find((e) => e.uid.startsWith("deadline-"))!;
    expect(deadline.event.getFirstProperty("dtstart")!.getParameter("tzid")).toBe("Asia/Shanghai");
    expect(deadline.summary).toContain("报名截止");
  });

  it("keep their UIDs and raise SEQUENCE of the events an import changed, at once", async () => {
    const before = events(await text("/calendar.ics?lang=en"));
    const one = events(await text("/fairs/vn-cn-langson-2026.ics?lang=en"));
    expect(one.map((e) => e.uid)).toEqual([
      "fair-vn-cn-langson-2026@border-trade-bot",
      "deadline-vn-cn-langson-2026@border-trade-bot",
    ]);
    const dataset = demoDataset();
    const fair = dataset.fairs.find((f) => f.id === "vn-cn-langson-2026")!;
    fair.venue = { vi: "Quảng trường mới", zh: "新广场", en: "New square" };
    // Importing the rest unchanged keeps their revision.
    await importDataset(bot.app.db, dataset, new Date(Date.parse(TEST_NOW) + 60_000));
    await expect.poll(async () => text("/fairs/vn-cn-langson-2026?lang=en"), { timeout: 3000 }).toContain("New square");
    const after = events(await text("/calendar.ics?lang=en"));
    expect(after.map((e) => e.uid)).toEqual(before.map((e) => e.uid));
    for (const event of after) {
      const old = before.find((e) => e.uid === event.uid)!;
      expect(event.sequence, event.uid).toBe(event.uid.includes("vn-cn-langson-2026") ? old.sequence + 1 : old.sequence);
    }
    const changed = after.find((e) => e.uid === "fair-vn-cn-langson-2026@border-trade-bot")!;
    expect(String(changed.event.getFirstPropertyValue("location"))).toContain("New square");
  });
});

describe("what the site shows of registrations", () => {
  it("no page or feed holds a registrant's name, phone, e-mail, tax code or company", async () => {
    const placesLeft = async () => /(\d+) of 240 booths left/.exec(await text("/fairs/vn-cn-langson-2026?lang=en"))![1];
    const leftBefore = Number(await placesLeft());
    const [userId] = await seedUsers(bot.app.db, 7_700_001, 1);
    const secret = {
      company: "Công ty TNHH Kín Đáo Zeta",
      contact_person: "Trần Thị Bí Mật",
      phone: "+84912000777",
      email: "bi.mat.zeta@example.vn",
      tax_id: "0109998887",
    };
    await insertTestRegistration(bot.app.db, new Date(TEST_NOW), {
      fairId: "vn-cn-langson-2026",
      userId: userId!,
      status: "approved",
      booths: 2,
      details: { country: "VN", ...secret },
    });
    const fairIds = listed(await text("/fairs?lang=en"));
    const paths = ["/", "/gates", "/contacts", "/site.css"];
    for (const lang of ["vi", "zh", "en"]) {
      paths.push(`/fairs?lang=${lang}`, `/gates?lang=${lang}`, `/contacts?lang=${lang}`, `/calendar.ics?lang=${lang}`);
      for (const id of fairIds) paths.push(`/fairs/${id}?lang=${lang}`, `/fairs/${id}.ics?lang=${lang}`);
    }
    // The registration is seen: the card counts the booths it took, and nothing else of it.
    await expect.poll(async () => Number(await placesLeft()), { timeout: 3000 }).toBe(leftBefore - 2);
    for (const path of paths) {
      const response = await fetch(`${base}${path}`, { redirect: "follow" });
      const body = await response.text();
      for (const value of [...Object.values(secret), "SITE-1", String(userId)])
        expect(body, `${path} shows ${value}`).not.toContain(value);
    }
  });
});
