import { InlineKeyboard } from "grammy";
import { menuButton } from "../../bot/menu.js";
import type { ViewContext } from "../../bot/view-context.js";
import type { Fair } from "../../domain/catalog.js";
import { formatDateRange, formatDateTimeIn, todayIn, VIETNAM_ZONE } from "../../domain/dates.js";
import { deadlineStatus } from "../../domain/deadline.js";
import type { View } from "../../platform/telegram/send.js";
import { availabilityKey, availabilityLine } from "./availability.views.js";
import { deadlineButton, fairButton, pageButton } from "./catalog.callbacks.js";
import type { AvailabilityByFair } from "./fair-availability.service.js";
import { openFairs, paginate, upcomingFairs } from "./fairs.service.js";
import { memoized } from "./view-memo.js";

export const PAGE_SIZE = 8;

function pagedFairList(
  view: ViewContext,
  list: "fairs" | "deadlines",
  fairs: Fair[],
  availability: AvailabilityByFair,
  page: number,
  line: (fair: Fair, index: number) => string,
): View {
  const { t, locale } = view;
  if (fairs.length === 0)
    return { text: t(`${list}.none`), keyboard: new InlineKeyboard().text(t("menu.gates"), menuButton.pack("gates")) };
  const current = paginate(fairs, page, PAGE_SIZE);
  const offset = (current.page - 1) * PAGE_SIZE;
  const lines = [t(`${list}.title`), ""];
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

const listKey = (availability: AvailabilityByFair, page = 1) => `${page}\u0000${availabilityKey(availability)}`;

export const upcomingFairsView = memoized("upcoming", listKey, drawUpcomingFairs);

function drawUpcomingFairs(view: ViewContext, availability: AvailabilityByFair, page = 1): View {
  const fairs = upcomingFairs(view.catalog, todayIn(view.now, view.timezone));
  return pagedFairList(view, "fairs", fairs, availability, page, (fair, index) =>
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
  return pagedFairList(view, "deadlines", openFairs(view.catalog, view.now), availability, page, (fair, index) =>
    view.t("deadlines.line", {
      index,
      name: fair.name[view.locale],
      deadline: formatDateTimeIn(fair.registrationDeadline, VIETNAM_ZONE, view.locale),
      left: deadlineStatus(view.t, fair.registrationDeadline, view.now, view.timezone),
    }),
  );
}
