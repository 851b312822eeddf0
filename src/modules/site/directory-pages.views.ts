import type { BorderGate, Contact } from "../../domain/catalog.js";
import { provinceName } from "../../domain/province.js";
import { Html, type Translate } from "../../domain/translate.js";
import { gateHoursLine } from "../catalog/gate-hours.service.js";
import { esc, layout, type SiteView, sitePath } from "./page-layout.js";

const tel = (phone: string) => new Html(`<a href="tel:${esc(phone.replace(/[^\d+]/g, ""))}">${esc(phone)}</a>`);
const mail = (email: string) => new Html(`<a href="mailto:${esc(email)}">${esc(email)}</a>`);

/** Items grouped by province, in the order they come. */
function byProvince<T extends { province: string }>(items: Iterable<T>): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(item.province, [...(groups.get(item.province) ?? []), item]);
  return groups;
}

const paragraphs = (lines: string[]) => lines.map((line) => `<p>${line}</p>`).join("\n");

function gateItem(view: SiteView, gate: BorderGate): string {
  const { t, locale, catalog } = view;
  const office = gate.contactId ? catalog.contacts.get(gate.contactId) : undefined;
  const lines = [
    t("gate.counterpart", { counterpart: gate.counterpart[locale] }),
    t("gate.type", { type: t(`gate.types.${gate.type}`) }),
    t("gate.modes", { modes: gate.modes.map((m) => t(`gate.modes_list.${m}`)).join(t("common.separator")) }),
    gateHoursLine(view, gate.hours),
  ];
  if (gate.phone) lines.push(t("gate.phone", { phone: tel(gate.phone) }));
  if (gate.email) lines.push(t("gate.email", { email: mail(gate.email) }));
  if (office)
    lines.push(
      t("gate.office", {
        office: new Html(`<a href="${esc(sitePath("/contacts", locale))}#${esc(office.id)}">${esc(office.name[locale])}</a>`),
      }),
    );
  return `<article class="card" id="${esc(gate.id)}">\n<h3>${esc(gate.name[locale])}</h3>\n${paragraphs(lines)}\n</article>`;
}

/** GET /gates: every border gate, by province: hours, modes, phone, the office in charge. */
export function gatesPage(view: SiteView): string {
  const { t } = view;
  const groups = [...byProvince(view.catalog.gates.values())];
  const main =
    groups.length === 0
      ? `<h1>${t("menu.gates")}</h1>\n<p>${t("gates.none")}</p>`
      : `<h1>${t("menu.gates")}</h1>\n${groups
          .map(
            ([province, gates]) =>
              `<section>\n<h2>${provinceName(t, province)}</h2>\n${gates.map((gate) => gateItem(view, gate)).join("\n")}\n</section>`,
          )
          .join("\n")}`;
  return layout(view, { title: t("site.gates_title"), path: "/gates", description: t("site.description"), main });
}

const topicsText = (t: Translate, topics: string[]): string =>
  topics
    .map((topic) => {
      const label = t(`topics.${topic}`);
      return label === `topics.${topic}` ? esc(topic) : label;
    })
    .join(t("common.separator"));

function contactItem(view: SiteView, contact: Contact): string {
  const { t, locale } = view;
  const lines = [t("contact.province", { province: new Html(provinceName(t, contact.province)) })];
  if (contact.address) lines.push(t("contact.address", { address: contact.address[locale] }));
  if (contact.phone) lines.push(t("contact.phone", { phone: tel(contact.phone) }));
  if (contact.email) lines.push(t("contact.email", { email: mail(contact.email) }));
  if (contact.topics.length > 0) lines.push(t("contact.topics", { topics: new Html(topicsText(t, contact.topics)) }));
  return `<article class="card" id="${esc(contact.id)}">\n<h2>${esc(contact.name[locale])}</h2>\n${paragraphs(lines)}\n</article>`;
}

/** GET /contacts: the trade-promotion offices, with what each handles. */
export function contactsPage(view: SiteView): string {
  const { t } = view;
  const contacts = [...view.catalog.contacts.values()];
  const main = `<h1>${t("menu.contacts")}</h1>\n${
    contacts.length === 0 ? `<p>${t("contacts.none")}</p>` : contacts.map((contact) => contactItem(view, contact)).join("\n")
  }`;
  return layout(view, { title: t("site.contacts_title"), path: "/contacts", description: t("site.description"), main });
}
