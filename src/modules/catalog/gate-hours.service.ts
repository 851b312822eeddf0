import type { ViewContext } from "../../bot/view-context.js";

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
