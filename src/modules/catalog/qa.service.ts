import type { Locale } from "../../domain/locale.js";
import { hasCjk, looksVietnamese } from "../../domain/text.js";
import { detectIntents, type Intent } from "./intents.js";
import { closeMatches, type EntityKind, type EntityRef, type SearchIndex } from "./search.js";

/** What the bot should answer to a free-text question. */
export type Answer =
  | { type: "upcoming" }
  | { type: "open_registrations" }
  | { type: "gates" }
  | { type: "contacts" }
  | { type: "fair_deadline"; id: string }
  | { type: "card"; ref: EntityRef }
  | { type: "choose"; refs: EntityRef[] }
  | { type: "not_found" };

const MAX_CHOICES = 5;

const FAIR: EntityKind[] = ["fair"];
const GATE: EntityKind[] = ["gate"];
const CONTACT: EntityKind[] = ["contact"];

function kindsFor(intents: Intent[]): EntityKind[] | undefined {
  if (intents.includes("office")) return CONTACT;
  if (intents.includes("gate")) return GATE;
  if (intents.some((i) => i === "deadline" || i === "fair_info" || i === "upcoming" || i === "fairs_word")) return FAIR;
  return undefined;
}

/** The list to show when the question names a topic but no particular fair, gate or office. */
function listFor(kinds: EntityKind[] | undefined, intents: Intent[]): Answer {
  if (kinds?.[0] === "contact") return { type: "contacts" };
  if (kinds?.[0] === "gate") return { type: "gates" };
  if (intents.includes("deadline")) return { type: "open_registrations" };
  if (kinds?.[0] === "fair") return { type: "upcoming" };
  return { type: "not_found" };
}

/**
 * Understands a question: what is asked (intent keywords) and about which fair, gate or office
 * (ranked search). Several equally good candidates become a choice; none becomes a list or a
 * "not found" with examples.
 */
export function understand(question: string, index: SearchIndex, today: string): Answer {
  const query = index.prepare(question);
  const intents = detectIntents(query.phrase);
  const kinds = kindsFor(intents);
  let matches = closeMatches(index.search(query, { kinds, today }));
  if (matches.length === 0 && kinds) matches = closeMatches(index.search(query, { today }));
  if (matches.length === 1) {
    const ref = matches[0]!;
    if (ref.kind === "fair" && intents.includes("deadline")) return { type: "fair_deadline", id: ref.id };
    return { type: "card", ref: { kind: ref.kind, id: ref.id } };
  }
  if (matches.length > 1 && matches.length <= MAX_CHOICES && !intents.includes("upcoming")) {
    return { type: "choose", refs: matches.map(({ kind, id }) => ({ kind, id })) };
  }
  return listFor(kinds, intents);
}

/** A question in Chinese characters is answered in Chinese, one in Vietnamese letters in Vietnamese. */
export function answerLocale(question: string, userLocale: Locale): Locale {
  if (hasCjk(question)) return "zh";
  if (looksVietnamese(question)) return "vi";
  return userLocale;
}
