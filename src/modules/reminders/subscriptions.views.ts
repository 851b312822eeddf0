import { InlineKeyboard } from "grammy";
import { menuButton } from "../../bot/menu.js";
import type { ViewContext } from "../../bot/view-context.js";
import { todayIn } from "../../domain/dates.js";
import { provinceName } from "../../domain/province.js";
import { Html } from "../../domain/translate.js";
import { userZone, ZONE_CHOICES, type ZoneChoice } from "../../domain/zones.js";
import type { SubscriptionRow } from "../../platform/db/schema.js";
import type { View } from "../../platform/telegram/send.js";
import { upcomingFairs } from "../catalog/fairs.service.js";
import {
  type SubscribeView,
  subscribeAllButton,
  subscribeDoneButton,
  subscribeTopicButton,
  subscribeViewButton,
  unsubscribeAllButton,
  unsubscribeButton,
  unsubscribeListButton,
  zoneButton,
} from "./reminders.callbacks.js";
import { isFollowing, provincesOf } from "./subscriptions.service.js";

type Topic = Pick<SubscriptionRow, "topic" | "value">;

const ALL: Topic = { topic: "all", value: "" };
const mark = (on: boolean) => (on ? "✅ " : "");

/** What a subscription is about, in the reader's language: HTML for a message, plain for a button. */
export function topicLabel(view: ViewContext, { topic, value }: Topic, format: "html" | "plain"): string {
  const { t, locale, catalog } = view;
  const name =
    topic === "fair"
      ? (catalog.fairs.get(value)?.name[locale] ?? value)
      : topic === "sector"
        ? (catalog.sectors.get(value)?.name[locale] ?? value)
        : provinceName(t, value);
  return t(`subscribe.topic.${topic}`, { name: format === "plain" ? new Html(name) : name });
}

/** "You follow: …", or that the user follows nothing. */
export function followingLine(view: ViewContext, subscriptions: Topic[]): string {
  if (subscriptions.length === 0) return view.t("subscribe.following_nothing");
  const topics = subscriptions.map((s) => topicLabel(view, s, "html")).join(view.t("common.separator"));
  return view.t("subscribe.following", { topics: new Html(topics) });
}

/** The /subscribe menu: all fairs (a toggle), and the three lists to choose from. */
function mainMenu(view: ViewContext, subscriptions: SubscriptionRow[]): View {
  const { t } = view;
  const count = (topic: SubscriptionRow["topic"]) => subscriptions.filter((s) => s.topic === topic).length;
  const keyboard = new InlineKeyboard()
    .text(`${mark(isFollowing(subscriptions, ALL))}${t("subscribe.all_button")}`, subscribeAllButton.pack())
    .row()
    .text(t("subscribe.fairs_button", { count: count("fair") }), subscribeViewButton.pack("f"))
    .text(t("subscribe.sectors_button", { count: count("sector") }), subscribeViewButton.pack("s"))
    .row()
    .text(t("subscribe.provinces_button", { count: count("province") }), subscribeViewButton.pack("p"))
    .row()
    .text(t("subscribe.done_button"), subscribeDoneButton.pack());
  return { text: t("subscribe.title"), keyboard };
}

/** Toggle buttons, `perRow` to a row, then Back to the menu. */
function chooser(
  view: ViewContext,
  title: string,
  items: Array<{ label: string; on: boolean; data: string }>,
  perRow: number,
): View {
  const keyboard = new InlineKeyboard();
  items.forEach((item, i) => {
    keyboard.text(`${mark(item.on)}${item.label}`, item.data);
    if (i % perRow === perRow - 1) keyboard.row();
  });
  if (items.length % perRow !== 0) keyboard.row();
  keyboard.text(view.t("common.back"), subscribeViewButton.pack("m"));
  return { text: view.t(title), keyboard };
}

/** One of the subscribe views, drawn from what the user follows now. */
export function subscribeView(view: ViewContext, subscriptions: SubscriptionRow[], which: SubscribeView): View {
  const { locale, catalog } = view;
  const on = (topic: Topic) => isFollowing(subscriptions, topic);
  switch (which) {
    case "f": {
      const fairs = upcomingFairs(catalog, todayIn(view.now, view.timezone));
      const items = fairs.map((f) => ({
        label: f.name[locale],
        on: on({ topic: "fair", value: f.id }),
        data: subscribeTopicButton.pack("f", f.id),
      }));
      return chooser(view, "subscribe.choose_fairs", items, 1);
    }
    case "s": {
      const sectors = [...catalog.sectors.values()].sort((a, b) => a.name[locale].localeCompare(b.name[locale], locale));
      const items = sectors.map((s) => ({
        label: s.name[locale],
        on: on({ topic: "sector", value: s.id }),
        data: subscribeTopicButton.pack("s", s.id),
      }));
      return chooser(view, "subscribe.choose_sectors", items, 2);
    }
    case "p": {
      const items = provincesOf(catalog).map((p) => ({
        label: provinceName(view.t, p.name),
        on: on({ topic: "province", value: p.name }),
        data: subscribeTopicButton.pack("p", p.slug),
      }));
      return chooser(view, "subscribe.choose_provinces", items, 2);
    }
    default:
      return mainMenu(view, subscriptions);
  }
}

/** /unsubscribe: each thing followed as a button that stops it, and one to stop everything. */
export function unsubscribeView(view: ViewContext, subscriptions: SubscriptionRow[]): View {
  const { t } = view;
  if (subscriptions.length === 0) {
    return {
      text: t("subscribe.following_nothing"),
      keyboard: new InlineKeyboard().text(t("subscribe.change_button"), subscribeViewButton.pack("m")),
    };
  }
  const keyboard = new InlineKeyboard();
  for (const s of subscriptions)
    keyboard
      .text(t("subscribe.remove_button", { label: new Html(topicLabel(view, s, "plain")) }), unsubscribeButton.pack(s.id))
      .row();
  keyboard.text(t("subscribe.remove_all_button"), unsubscribeAllButton.pack());
  return { text: `${t("subscribe.unsubscribe_title")}\n\n${followingLine(view, subscriptions)}`, keyboard };
}

/** The zone choice a user's quiet hours follow now, and its name. */
export function zoneOf(view: ViewContext, chosen: string | null): { choice: ZoneChoice | undefined; label: string } {
  const zone = userZone(chosen, view.locale, view.timezone);
  const choice = (Object.keys(ZONE_CHOICES) as ZoneChoice[]).find((c) => ZONE_CHOICES[c] === zone);
  return { choice, label: choice ? view.t(`subscribe.zone.${choice}`) : zone };
}

/** /settings: language, the zone of quiet hours (a button switches it), what the user follows. */
export function settingsView(view: ViewContext, chosenZone: string | null, subscriptions: SubscriptionRow[]): View {
  const { t } = view;
  const zone = zoneOf(view, chosenZone);
  const other: ZoneChoice = zone.choice === "cn" ? "vn" : "cn";
  const text = [
    t("subscribe.settings_title"),
    "",
    t("subscribe.settings_language", { language: t("subscribe.language_name") }),
    t("subscribe.settings_zone", { zone: zone.label }),
    followingLine(view, subscriptions),
  ].join("\n");
  const keyboard = new InlineKeyboard()
    .text(t("subscribe.change_button"), subscribeViewButton.pack("m"))
    .row()
    .text(t("subscribe.zone_button", { zone: new Html(t(`subscribe.zone.${other}`)) }), zoneButton.pack(other))
    .row()
    .text(t("menu.language"), menuButton.pack("language"));
  if (subscriptions.length > 0) keyboard.row().text(t("subscribe.stop_button"), unsubscribeListButton.pack());
  return { text, keyboard };
}
