import type { Locale } from "../config.js";
import { detectIntents, type Intent } from "./intents.js";
import { type EntityKind, type EntityRef, type SearchIndex, closeMatches } from "./search.js";
import { hasCjk, looksVietnamese } from "./text.js";

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

function kindsFor(has: (intent: Intent) => boolean): EntityKind[] | undefined {
  if (has("office")) return ["contact"];
  if (has("gate")) return ["gate"];
  if (has("deadline") || has("fair_info") || has("upcoming") || has("fairs_word")) return ["fair"];
  return undefined;
}

/** The list to show when the question names a topic but no particular fair, gate or office. */
function listFor(kinds: EntityKind[] | undefined, has: (intent: Intent) => boolean): Answer {
  if (kinds?.[0] === "contact") return { type: "contacts" };
  if (kinds?.[0] === "gate") return { type: "gates" };
  if (has("deadline")) return { type: "open_registrations" };
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
  const has = (intent: Intent) => intents.includes(intent);
  const kinds = kindsFor(has);
  let matches = closeMatches(index.search(query, { kinds, today }));
  if (matches.length === 0 && kinds) matches = closeMatches(index.search(query, { today }));
  if (matches.length === 1) {
    const ref = matches[0]!;
    if (ref.kind === "fair" && has("deadline")) return { type: "fair_deadline", id: ref.id };
    return { type: "card", ref: { kind: ref.kind, id: ref.id } };
  }
  if (matches.length > 1 && matches.length <= MAX_CHOICES && !has("upcoming")) {
    return { type: "choose", refs: matches.map(({ kind, id }) => ({ kind, id })) };
  }
  return listFor(kinds, has);
}

/** A question in Chinese characters is answered in Chinese, one in Vietnamese letters in Vietnamese. */
export function answerLocale(question: string, userLocale: Locale): Locale {
  if (hasCjk(question)) return "zh";
  if (looksVietnamese(question)) return "vi";
  return userLocale;
}
