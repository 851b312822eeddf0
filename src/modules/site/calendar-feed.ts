import type { Fair } from "../../domain/catalog.js";
import { provinceName } from "../../domain/province.js";
import { Html } from "../../domain/translate.js";
import { userZone } from "../../domain/zones.js";
import { calendarTexts, fairsCalendar } from "../catalog/calendar.service.js";
import { type FairsFilter, listedFairs } from "./fairs-page.views.js";
import type { SiteView } from "./page-layout.js";

/** When the newest of these fairs last changed (Last-Modified of a feed), if known. */
export function lastRevised(fairs: readonly Fair[]): Date | undefined {
  const times = fairs.flatMap((fair) => (fair.revisedAt ? [Date.parse(fair.revisedAt)] : []));
  return times.length > 0 ? new Date(Math.max(...times)) : undefined;
}

/**
 * A calendar of fairs in the reader's language; deadlines in Beijing time for Chinese readers and
 * in the offices' zone for the others, as the bot's own calendar files.
 */
function calendarOf(view: SiteView, fairs: readonly Fair[], name: string, url: string): string {
  const { t, locale, now, timezone } = view;
  return fairsCalendar(
    fairs.map((fair) => ({ fair, texts: calendarTexts(t, locale, fair) })),
    {
      zone: userZone(null, locale, timezone),
      now,
      name,
      language: locale,
      url,
      eventUrl: (fair) => `${view.origin}/fairs/${fair.id}?lang=${locale}`,
    },
  );
}

/** GET /calendar.ics: the events of /fairs (upcoming, optionally of one province), to subscribe to. */
export function fairsFeed(view: SiteView, filter: FairsFilter): { body: string; fairs: Fair[] } {
  const fairs = listedFairs(view, { province: filter.province });
  const province = fairs[0] && filter.province ? provinceName(view.t, fairs[0].province) : undefined;
  const name = province ? view.t("site.calendar_name_for", { province: new Html(province) }) : view.t("site.calendar_name");
  return { body: calendarOf(view, fairs, name, `${view.origin}/fairs?lang=${view.locale}`), fairs };
}

/** GET /fairs/<id>.ics: one event and its deadline. */
export const fairFeed = (view: SiteView, fair: Fair): string =>
  calendarOf(view, [fair], fair.name[view.locale], `${view.origin}/fairs/${fair.id}?lang=${view.locale}`);
