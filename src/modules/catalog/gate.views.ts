import { InlineKeyboard } from "grammy";
import { menuButton } from "../../bot/menu.js";
import type { ViewContext } from "../../bot/view-context.js";
import type { BorderGate } from "../../domain/catalog.js";
import { provinceName } from "../../domain/province.js";
import { escapeHtml } from "../../platform/telegram/html.js";
import type { View } from "../../platform/telegram/send.js";
import { contactButton, gateButton } from "./catalog.callbacks.js";
import { filterLabel } from "./lists.views.js";
import type { ListFilter } from "./question-filters.js";
import { memoized } from "./view-memo.js";

export const gateCard = memoized("gate", (gate: BorderGate) => gate.id, drawGateCard);

/** "07:00-22:00" in Vietnam time as it reads in Beijing (an hour later), or undefined for another shape. */
export function inBeijingTime(hours: string): string | undefined {
  const found = /^(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})$/.exec(hours.trim());
  if (!found) return undefined;
  const [, h1, m1, h2, m2] = found;
  const later = (h: string, m: string) => `${String((Number(h) + 1) % 24).padStart(2, "0")}:${m}`;
  return `${later(h1!, m1!)}-${later(h2!, m2!)}`;
}

/** A gate's hours line: in Vietnam time, and for Chinese readers in Beijing time too (traders on the other side). */
export function gateHoursLine(view: Pick<ViewContext, "t" | "locale">, hours: string): string {
  if (hours === "24/7") return view.t("gate.hours_always");
  const beijing = view.locale === "zh" ? inBeijingTime(hours) : undefined;
  return beijing ? view.t("gate.hours_both", { hours, beijing }) : view.t("gate.hours", { hours });
}

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
