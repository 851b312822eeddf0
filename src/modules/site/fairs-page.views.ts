import type { Fair } from "../../domain/catalog.js";
import { formatDateRange, todayIn } from "../../domain/dates.js";
import { deadlineStatus } from "../../domain/deadline.js";
import { provinceName, provinceSlug } from "../../domain/province.js";
import { isOpenForRegistration, upcomingFairs } from "../catalog/fairs.service.js";
import { esc, layout, type SiteView, sitePath } from "./page-layout.js";

/** What /fairs is narrowed to: a province (by its slug) and a kind of event, both optional. */
export interface FairsFilter {
  province?: string;
  kind?: string;
}

/** The fairs not yet over that match the filter, soonest first: the list and the feed show the same. */
export function listedFairs(view: Pick<SiteView, "catalog" | "now" | "timezone">, filter: FairsFilter): Fair[] {
  return upcomingFairs(view.catalog, todayIn(view.now, view.timezone)).filter(
    (fair) =>
      (!filter.province || provinceSlug(fair.province) === filter.province) && (!filter.kind || fair.kind === filter.kind),
  );
}

/** The feed of a filter: its https address and the webcal:// one calendar apps subscribe to. */
export function feedLinks(view: SiteView, filter: FairsFilter): { https: string; webcal: string } {
  const https = `${view.origin}${sitePath("/calendar.ics", view.locale, { province: filter.province })}`;
  return { https, webcal: https.replace(/^https?:/, "webcal:") };
}

function options(items: Array<{ value: string; label: string }>, chosen: string | undefined, all: string): string {
  return [
    `<option value="">${esc(all)}</option>`,
    ...items.map(
      (item) => `<option value="${esc(item.value)}"${item.value === chosen ? " selected" : ""}>${esc(item.label)}</option>`,
    ),
  ].join("");
}

/** The province and kind choices: those of the upcoming fairs, so no choice leads to nothing. */
function filterForm(view: SiteView, filter: FairsFilter): string {
  const { t, locale } = view;
  const upcoming = listedFairs(view, {});
  const provinces = new Map(upcoming.map((fair) => [provinceSlug(fair.province), provinceName(t, fair.province)]));
  const kinds = [...new Set(upcoming.map((fair) => fair.kind))];
  return `<form class="filters" method="get" action="/fairs">
<input type="hidden" name="lang" value="${locale}">
<label>${esc(t("site.filter_province"))}<select name="province">${options(
    [...provinces].map(([value, label]) => ({ value, label })),
    filter.province,
    t("site.filter_all"),
  )}</select></label>
<label>${esc(t("site.filter_kind"))}<select name="kind">${options(
    kinds.map((kind) => ({ value: kind, label: t(`fair.kinds.${kind}`) })),
    filter.kind,
    t("site.filter_all"),
  )}</select></label>
<button type="submit">${esc(t("site.filter_apply"))}</button>
</form>`;
}

function fairItem(view: SiteView, fair: Fair): string {
  const { t, locale, now, timezone } = view;
  const today = todayIn(now, timezone);
  const open = isOpenForRegistration(fair, now);
  return `<article class="card">
<h2><a href="${esc(sitePath(`/fairs/${fair.id}`, locale))}">${esc(fair.name[locale])}</a></h2>
${fair.startsOn <= today ? `<p class="status">${t("fair.status_ongoing")}</p>\n` : ""}<p>📅 ${esc(formatDateRange(fair.startsOn, fair.endsOn, locale))} · 📍 ${esc(fair.city[locale])}</p>
<p class="muted">${esc(t(`fair.kinds.${fair.kind}`))} · ${esc(provinceName(t, fair.province))}</p>
<p class="muted">${t("site.deadline_short", { status: open ? deadlineStatus(t, fair.registrationDeadline, now, timezone) : t("deadline.closed") })}</p>
</article>`;
}

/** GET /fairs: the events not yet over, soonest first, narrowed by province and kind, with the feed to subscribe to. */
export function fairsPage(view: SiteView, filter: FairsFilter): string {
  const { t, locale } = view;
  const fairs = listedFairs(view, filter);
  const filtered = Boolean(filter.province || filter.kind);
  const feed = feedLinks(view, filter);
  const list =
    fairs.length > 0
      ? fairs.map((fair) => fairItem(view, fair)).join("\n")
      : `<p>${esc(t("fairs.none"))}</p>${filtered ? `<p><a href="${esc(sitePath("/fairs", locale))}">${esc(t("site.show_all"))}</a></p>` : ""}`;
  const main = `<h1>${esc(t("site.fairs_title"))}</h1>
${filterForm(view, filter)}
<p class="actions"><a class="button" href="${esc(feed.webcal)}">${esc(t("site.subscribe"))}</a> <a class="button light" href="${esc(feed.https)}" download>${esc(t("site.download_ics"))}</a></p>
<p class="muted">${esc(t("site.subscribe_hint"))}</p>
${list}`;
  return layout(view, {
    title: t("site.fairs_title"),
    path: "/fairs",
    params: { province: filter.province, kind: filter.kind },
    description: t("site.description"),
    head: `<link rel="alternate" type="text/calendar" title="${esc(t("site.calendar_name"))}" href="${esc(feed.https)}">\n`,
    main,
  });
}
