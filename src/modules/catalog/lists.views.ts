import { InlineKeyboard } from "grammy";
import { menuButton } from "../../bot/menu.js";
import type { ViewContext } from "../../bot/view-context.js";
import type { Fair } from "../../domain/catalog.js";
import { formatDateRange, formatDateTimeIn, formatMonth, todayIn, VIETNAM_ZONE } from "../../domain/dates.js";
import { deadlineStatus } from "../../domain/deadline.js";
import { provinceName } from "../../domain/province.js";
import type { View } from "../../platform/telegram/send.js";
import { availabilityKey } from "./availability.views.js";
import { deadlineButton, fairButton, pageButton } from "./catalog.callbacks.js";
import { type AvailabilityByFair, availabilityLine } from "./fair-availability.service.js";
import { fairMatches, openFairs, paginate, upcomingFairs } from "./fairs.service.js";
import type { ListFilter } from "./question-filters.js";
import { memoized } from "./view-memo.js";

export const PAGE_SIZE = 8;

function pagedFairList(
  view: ViewContext,
  list: "fairs" | "deadlines",
  fairs: Fair[],
  availability: AvailabilityByFair,
  page: number,
  title: string | undefined,
  line: (fair: Fair, index: number) => string,
): View {
  const { t, locale } = view;
  if (fairs.length === 0)
    return { text: t(`${list}.none`), keyboard: new InlineKeyboard().text(t("menu.gates"), menuButton.pack("gates")) };
  const current = paginate(fairs, page, PAGE_SIZE);
  const offset = (current.page - 1) * PAGE_SIZE;
  const lines = [title ?? t(`${list}.title`), ""];
  current.items.forEach((fair, i) => {
    lines.push(line(fair, offset + i + 1));
    const places = availabilityLine(t, fair, availability, view.now);
    if (places) lines.push(`    ${places}`);
  });
  const keyboard = new InlineKeyboard();
  current.items.forEach((fair, i) =>
    keyboard
      .text(`${offset + i + 1}. ${fair.name[locale]}`, list === "fairs" ? fairButton.pack(fair.id) : deadlineButton.pack(fair.id))
      .row(),
  );
  if (current.pages > 1) {
    lines.push("", t("common.page", { page: current.page, pages: current.pages }));
    if (current.page > 1) keyboard.text(t("common.prev"), pageButton.pack(list, current.page - 1));
    if (current.page < current.pages) keyboard.text(t("common.next"), pageButton.pack(list, current.page + 1));
  }
  lines.push("", t("fairs.open_hint"));
  return { text: lines.join("\n"), keyboard };
}

const listKey = (availability: AvailabilityByFair, page = 1, filter?: ListFilter) =>
  `${page}\u0000${availabilityKey(availability)}\u0000${JSON.stringify(filter ?? {})}`;

export const upcomingFairsView = memoized("upcoming", listKey, drawUpcomingFairs);

/** What a narrowed list is narrowed to, in words: "Lạng Sơn · tháng 3/2027 · Triển lãm". */
export function filterLabel(view: ViewContext, filter: ListFilter): string {
  const { t, locale } = view;
  return [
    filter.province && provinceName(t, filter.province),
    filter.month && formatMonth(filter.month, locale),
    filter.kind && t(`fair.kinds.${filter.kind}`),
    filter.mode && t(`gate.modes_list.${filter.mode}`),
    filter.topic && t(`topics.${filter.topic}`),
    filter.sector && (view.catalog.sectors.get(filter.sector)?.name[locale] ?? filter.sector),
  ]
    .filter(Boolean)
    .join(" · ");
}

function drawUpcomingFairs(view: ViewContext, availability: AvailabilityByFair, page = 1, filter?: ListFilter): View {
  const fairs = upcomingFairs(view.catalog, todayIn(view.now, view.timezone)).filter((fair) => fairMatches(fair, filter));
  if (filter && fairs.length === 0)
    return {
      text: view.t("fairs.none_for", { what: filterLabel(view, filter) }),
      keyboard: new InlineKeyboard().text(view.t("menu.fairs"), menuButton.pack("fairs")),
    };
  const title = filter ? view.t("fairs.title_for", { what: filterLabel(view, filter) }) : undefined;
  return pagedFairList(view, "fairs", fairs, availability, page, title, (fair, index) =>
    view.t("fairs.line", {
      index,
      name: fair.name[view.locale],
      dates: formatDateRange(fair.startsOn, fair.endsOn, view.locale),
      city: fair.city[view.locale],
    }),
  );
}

export const openRegistrationsView = memoized("open", listKey, drawOpenRegistrations);

function drawOpenRegistrations(view: ViewContext, availability: AvailabilityByFair, page = 1): View {
  return pagedFairList(view, "deadlines", openFairs(view.catalog, view.now), availability, page, undefined, (fair, index) =>
    view.t("deadlines.line", {
      index,
      name: fair.name[view.locale],
      deadline: formatDateTimeIn(fair.registrationDeadline, VIETNAM_ZONE, view.locale),
      left: deadlineStatus(view.t, fair.registrationDeadline, view.now, view.timezone),
    }),
  );
}
