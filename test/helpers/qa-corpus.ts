import fs from "node:fs";
import path from "node:path";
import type { Answer } from "../../src/modules/catalog/qa.service.js";

/** One labelled question of test/fixtures/qa-corpus (format in its FORMAT.md). */
export interface CorpusItem {
  id: string;
  lang: "vi" | "zh" | "en";
  text: string;
  intent: string;
  entity: string | null;
  filter: Record<string, string> | null;
  facts: string[];
}

export type Part = "tuning" | "held-out";

const DIR = path.resolve(import.meta.dirname, "../fixtures/qa-corpus");

/** The items of a part: held-out.json, or every tuning*.json (tuning grew in rounds). */
export function loadCorpus(part: Part): CorpusItem[] {
  const files = fs.readdirSync(DIR).filter((f) => (part === "held-out" ? f === "held-out.json" : /^tuning.*\.json$/.test(f)));
  return files.sort().flatMap((f) => (JSON.parse(fs.readFileSync(path.join(DIR, f), "utf8")) as { items: CorpusItem[] }).items);
}

/** The label of what the bot answered, in the corpus's words, for the confusion list. */
export function labelOf(answer: Answer): string {
  switch (answer.type) {
    case "card":
      return `${answer.ref.kind === "contact" ? "office" : answer.ref.kind}:${answer.ref.id}`;
    case "fair_deadline":
      return `fair:${answer.id}`;
    case "upcoming":
    case "gates":
    case "contacts": {
      const name = answer.type === "contacts" ? "offices" : answer.type;
      const filter = Object.entries(answer.filter ?? {})
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => `${k}=${v}`)
        .join(",");
      return filter ? `${name}(${filter})` : name;
    }
    case "register":
      return answer.fairId ? `register:${answer.fairId}` : "register";
    case "mine":
      return "my_registrations";
    case "choose":
      return `choose[${answer.refs.map((r) => r.id).join("|")}]`;
    default:
      return answer.type;
  }
}

/** The label a corpus item expects, in the same words as {@link labelOf}. */
export function expectedLabel(item: CorpusItem): string {
  const filter = Object.entries(item.filter ?? {})
    .filter(([k, v]) => k !== "aspect" && k !== "topic" && v !== null && v !== undefined)
    .map(([k, v]) => `${k}=${v}`)
    .join(",");
  switch (item.intent) {
    case "fair":
    case "gate":
      return `${item.intent}:${item.entity}`;
    case "office":
      return `office:${item.entity}`;
    case "upcoming":
    case "gates":
      return filter ? `${item.intent}(${filter})` : item.intent;
    case "offices": {
      const all = Object.entries(item.filter ?? {})
        .filter(([, v]) => v !== null && v !== undefined)
        .map(([k, v]) => `${k}=${v}`)
        .join(",");
      return all ? `offices(${all})` : "offices";
    }
    case "register":
      return item.entity ? `register:${item.entity}` : "register";
    default:
      return item.intent;
  }
}

export type Verdict = "right" | "hedged" | "unknown" | "wrong";

/**
 * Right: the answer is the expected one. Hedged: the bot offered candidates (the right one among
 * them). Unknown: it said it does not know. Wrong: a confident answer that is not the expected one.
 */
export function judge(item: CorpusItem, answer: Answer): Verdict {
  const got = labelOf(answer);
  if (got === expectedLabel(item)) return "right";
  if (answer.type === "choose") return answer.refs.some((r) => r.id === item.entity) ? "hedged" : "wrong";
  if (answer.type === "not_found") return "unknown";
  return "wrong";
}

export interface Report {
  total: number;
  right: number;
  byLang: Record<string, { total: number; right: number }>;
  byIntent: Record<string, { total: number; right: number }>;
  misses: Array<{ item: CorpusItem; got: string; verdict: Verdict }>;
  /** Out-of-scope questions that got a confident answer about something else. */
  confidentWrongOutOfScope: number;
}

export function evaluate(items: CorpusItem[], answer: (item: CorpusItem) => Answer): Report {
  const report: Report = { total: 0, right: 0, byLang: {}, byIntent: {}, misses: [], confidentWrongOutOfScope: 0 };
  for (const item of items) {
    const got = answer(item);
    const verdict = judge(item, got);
    const ok = verdict === "right";
    report.total++;
    if (ok) report.right++;
    for (const [table, key] of [
      [report.byLang, item.lang],
      [report.byIntent, item.intent],
    ] as const) {
      table[key] ??= { total: 0, right: 0 };
      table[key].total++;
      if (ok) table[key].right++;
    }
    if (!ok) report.misses.push({ item, got: labelOf(got), verdict });
    if (item.intent === "out_of_scope" && verdict === "wrong") report.confidentWrongOutOfScope++;
  }
  return report;
}
