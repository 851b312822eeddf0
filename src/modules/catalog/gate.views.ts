import { InlineKeyboard } from "grammy";
import { menuButton } from "../../bot/menu.js";
import type { ViewContext } from "../../bot/view-context.js";
import type { BorderGate } from "../../domain/catalog.js";
import { provinceName } from "../../domain/province.js";
import { escapeHtml } from "../../platform/telegram/html.js";
import type { View } from "../../platform/telegram/send.js";
import { contactButton, gateButton } from "./catalog.callbacks.js";
import { gateHoursLine } from "./gate-hours.service.js";
import { filterLabel } from "./lists.views.js";
import type { ListFilter } from "./question-filters.js";
import { memoized } from "./view-memo.js";

export const gateCard = memoized("gate", (gate: BorderGate) => gate.id, drawGateCard);

function drawGateCard(view: ViewContext, gate: BorderGate): View {
  const { t, locale, catalog } = view;
  const office = gate.contactId ? catalog.contacts.get(gate.contactId) : undefined;
  const lines = [
    `<b>${escapeHtml(gate.name[locale])}</b>`,
    "",
    t("gate.counterpart", { counterpart: gate.counterpart[locale] }),
    t("gate.province", { province: provinceName(t, gate.province) }),
    t("gate.type", { type: t(`gate.types.${gate.type}`) }),
    t("gate.modes", { modes: gate.modes.map((m) => t(`gate.modes_list.${m}`)).join(t("common.separator")) }),
    gateHoursLine(view, gate.hours),
  ];
  if (gate.phone) lines.push(t("gate.phone", { phone: gate.phone }));
  if (gate.email) lines.push(t("gate.email", { email: gate.email }));
  if (office) lines.push(t("gate.office", { office: office.name[locale] }));
  const keyboard = new InlineKeyboard();
  if (office) keyboard.text(office.name[locale], contactButton.pack(office.id)).row();
  keyboard.text(t("menu.gates"), menuButton.pack("gates"));
  return { text: lines.join("\n"), keyboard };
}

/** Every gate, grouped by province, each a button to its card. */
export const gatesView = memoized("gates", (filter?: ListFilter) => JSON.stringify(filter ?? {}), drawGatesView);

function drawGatesView(view: ViewContext, filter?: ListFilter): View {
  const { t, locale, catalog } = view;
  const gates = [...catalog.gates.values()].filter(
    (gate) => (!filter?.province || gate.province === filter.province) && (!filter?.mode || gate.modes.includes(filter.mode)),
  );
  if (gates.length === 0 && filter)
    return {
      text: t("gates.none_for", { what: filterLabel(view, filter) }),
      keyboard: new InlineKeyboard().text(t("menu.gates"), menuButton.pack("gates")),
    };
  if (gates.length === 0) return { text: t("gates.none"), keyboard: new InlineKeyboard() };
  const byProvince = new Map<string, BorderGate[]>();
  for (const gate of gates) byProvince.set(gate.province, [...(byProvince.get(gate.province) ?? []), gate]);
  const lines = [filter ? t("gates.title_for", { what: filterLabel(view, filter) }) : t("gates.title")];
  const keyboard = new InlineKeyboard();
  for (const [province, list] of byProvince) {
    lines.push("", t("gates.province", { province: provinceName(t, province) }));
    for (const gate of list) {
      lines.push(t("gates.line", { name: gate.name[locale], counterpart: gate.counterpart[locale] }));
      keyboard.text(gate.name[locale], gateButton.pack(gate.id)).row();
    }
  }
  lines.push("", t("gates.open_hint"));
  return { text: lines.join("\n"), keyboard };
}
