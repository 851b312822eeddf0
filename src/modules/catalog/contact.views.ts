import { InlineKeyboard } from "grammy";
import { menuButton } from "../../bot/menu.js";
import type { ViewContext } from "../../bot/view-context.js";
import type { Contact } from "../../domain/catalog.js";
import { provinceName } from "../../domain/province.js";
import type { Translate } from "../../domain/translate.js";
import { escapeHtml } from "../../platform/telegram/html.js";
import type { View } from "../../platform/telegram/send.js";
import { contactButton } from "./catalog.callbacks.js";
import { filterLabel } from "./lists.views.js";
import type { ListFilter } from "./question-filters.js";
import { memoized } from "./view-memo.js";

const topicsText = (t: Translate, topics: string[]): string =>
  topics
    .map((topic) => {
      const label = t(`topics.${topic}`);
      return label === `topics.${topic}` ? topic : label;
    })
    .join(t("common.separator"));

export const contactCard = memoized("contact", (contact: Contact) => contact.id, drawContactCard);

function drawContactCard(view: ViewContext, contact: Contact): View {
  const { t, locale } = view;
  const lines = [
    `<b>${escapeHtml(contact.name[locale])}</b>`,
    "",
    t("contact.province", { province: provinceName(t, contact.province) }),
  ];
  if (contact.address) lines.push(t("contact.address", { address: contact.address[locale] }));
  if (contact.phone) lines.push(t("contact.phone", { phone: contact.phone }));
  if (contact.email) lines.push(t("contact.email", { email: contact.email }));
  if (contact.topics.length > 0) lines.push(t("contact.topics", { topics: topicsText(t, contact.topics) }));
  return { text: lines.join("\n"), keyboard: new InlineKeyboard().text(t("menu.contacts"), menuButton.pack("contacts")) };
}

export const contactsView = memoized("contacts", (filter?: ListFilter) => JSON.stringify(filter ?? {}), drawContactsView);

function drawContactsView(view: ViewContext, filter?: ListFilter): View {
  const { t, locale, catalog } = view;
  let contacts = [...catalog.contacts.values()].filter(
    (c) => (!filter?.province || c.province === filter.province) && (!filter?.topic || c.topics.includes(filter.topic)),
  );
  // Nobody for that topic in that province: everyone for the topic is more use than nothing.
  if (contacts.length === 0 && filter?.province && filter.topic)
    contacts = [...catalog.contacts.values()].filter((c) => c.topics.includes(filter.topic!));
  if (contacts.length === 0)
    return { text: t("contacts.none"), keyboard: new InlineKeyboard().text(t("menu.contacts"), menuButton.pack("contacts")) };
  const lines = [filter ? t("contacts.title_for", { what: filterLabel(view, filter) }) : t("contacts.title"), ""];
  const keyboard = new InlineKeyboard();
  for (const contact of contacts) {
    lines.push(t("contacts.line", { name: contact.name[locale], topics: topicsText(t, contact.topics) }));
    keyboard.text(contact.name[locale], contactButton.pack(contact.id)).row();
  }
  lines.push("", t("contacts.open_hint"));
  return { text: lines.join("\n"), keyboard };
}
