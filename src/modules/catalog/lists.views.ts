import { InlineKeyboard } from "grammy";
import { menuButton } from "../../bot/menu.js";
import type { ViewContext } from "../../bot/view-context.js";
import type { Fair } from "../../domain/catalog.js";
import { formatDateRange, formatDateTimeIn, todayIn, VIETNAM_ZONE } from "../../domain/dates.js";
import { deadlineStatus } from "../../domain/deadline.js";
import type { View } from "../../platform/telegram/send.js";
import { deadlineButton, fairButton, pageButton } from "./catalog.callbacks.js";
import { openFairs, paginate, upcomingFairs } from "./fairs.service.js";
import { memoized } from "./view-memo.js";

export const PAGE_SIZE = 8;

function pagedFairList(
  view: ViewContext,
  list: "fairs" | "deadlines",
  fairs: Fair[],
  page: number,
  line: (fair: Fair, index: number) => string,
): View {
  const { t, locale } = view;
  if (fairs.length === 0)
    return { text: t(`${list}.none`), keyboard: new InlineKeyboard().text(t("menu.gates"), menuButton.pack("gates")) };
  const current = paginate(fairs, page, PAGE_SIZE);
  const offset = (current.page - 1) * PAGE_SIZE;
  const lines = [t(`${list}.title`), "", ...current.items.map((fair, i) => line(fair, offset + i + 1))];
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

export const upcomingFairsView = memoized("upcoming", (page = 1) => String(page), drawUpcomingFairs);

function drawUpcomingFairs(view: ViewContext, page = 1): View {
  const fairs = upcomingFairs(view.catalog, todayIn(view.now, view.timezone));
  return pagedFairList(view, "fairs", fairs, page, (fair, index) =>
    view.t("fairs.line", {
      index,
      name: fair.name[view.locale],
      dates: formatDateRange(fair.startsOn, fair.endsOn, view.locale),
      city: fair.city[view.locale],
    }),
  );
}

export const openRegistrationsView = memoized("open", (page = 1) => String(page), drawOpenRegistrations);

function drawOpenRegistrations(view: ViewContext, page = 1): View {
  return pagedFairList(view, "deadlines", openFairs(view.catalog, view.now), page, (fair, index) =>
    view.t("deadlines.line", {
      index,
      name: fair.name[view.locale],
      deadline: formatDateTimeIn(fair.registrationDeadline, VIETNAM_ZONE, view.locale),
      left: deadlineStatus(view.t, fair.registrationDeadline, view.now, view.timezone),
    }),
  );
}
