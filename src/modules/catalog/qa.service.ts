import type { Catalog } from "../../domain/catalog.js";
import type { Locale } from "../../domain/locale.js";
import { hasCjk, looksVietnamese } from "../../domain/text.js";
import { fairMatches, upcomingFairs } from "./fairs.service.js";
import {
  asksAboutOne,
  asksAspect,
  asksCount,
  asksForOthers,
  asksGateType,
  asksList,
  asksOfAFair,
  asksPlacesLeft,
  asksPrice,
  asksToBeSignedUp,
  asksWhich,
  detectIntents,
  type Intent,
} from "./intents.js";
import { asksAboutWeather, type OutOfScopeTopic, outOfScopeTopic, plainlyOutOfScope, withoutAsides } from "./out-of-scope.js";
import { type ListFilter, officeKindOf } from "./question-filters.js";
import { closeMatches, type EntityKind, type EntityRef, type Match, type Query, type SearchIndex } from "./search.js";

/** What the bot should answer to a free-text question. */
export type Answer =
  | { type: "upcoming"; filter?: ListFilter }
  | { type: "open_registrations" }
  | { type: "gates"; filter?: ListFilter }
  | { type: "contacts"; filter?: ListFilter }
  | { type: "fair_deadline"; id: string }
  | { type: "card"; ref: EntityRef }
  | { type: "choose"; refs: EntityRef[] }
  /** Wants to sign up: at that fair, or at one to pick. */
  | { type: "register"; fairId?: string }
  | { type: "mine" }
  | { type: "subscribe" }
  | { type: "greeting" }
  | { type: "thanks" }
  /** Asks what the data cannot answer: say so honestly, and who to ask (in that province, if named). */
  | { type: "out_of_scope"; topic: OutOfScopeTopic; province?: string }
  | { type: "not_found" };

const MAX_CHOICES = 5;
const NO_DATA = new Set<Answer["type"]>(["out_of_scope", "not_found", "greeting", "thanks"]);
const FACT_INTENTS: Intent[] = ["contact", "fair_info", "deadline", "open_registrations"];
const asksFactOutright = (phrase: string) => detectIntents(phrase).some((i) => FACT_INTENTS.includes(i));
const KIND_MINIMUM = 2;

const FAIR: EntityKind[] = ["fair"];
const GATE: EntityKind[] = ["gate"];
const CONTACT: EntityKind[] = ["contact"];
const FAIR_INTENTS: Intent[] = ["open_registrations", "deadline", "fair_info", "upcoming", "fairs_word"];

function kindsFor(intents: Intent[], phrase: string): EntityKind[] | undefined {
  const aboutAFair = intents.includes("fairs_word");
  if (intents.includes("office") && !(aboutAFair && asksOfAFair(phrase))) return CONTACT;
  // "Is the Lào Cai fair held near the Kim Thành gate?": the fair's venue, the gate in passing.
  if (intents.includes("gate") && !(aboutAFair && intents.includes("fair_info"))) return GATE;
  if (intents.some((i) => FAIR_INTENTS.includes(i))) return FAIR;
  // A phone number or an e-mail with nothing else: an office's, unless a gate or fair is named.
  if (intents.includes("contact")) return CONTACT;
  return undefined;
}

/** Only the parts of a filter a list can use, and none when nothing narrows it. */
function narrowed(filter: ListFilter, keys: Array<keyof ListFilter>): ListFilter | undefined {
  const kept = Object.fromEntries(keys.filter((k) => filter[k] !== undefined).map((k) => [k, filter[k]]));
  return Object.keys(kept).length > 0 ? kept : undefined;
}

/** The list to show when the question names a topic but no particular fair, gate or office. */
function listFor(kinds: EntityKind[] | undefined, intents: Intent[], filter: ListFilter): Answer | undefined {
  if (kinds === CONTACT) return { type: "contacts", filter: narrowed(filter, ["province", "topic"]) };
  if (kinds === GATE) return { type: "gates", filter: narrowed(filter, ["province", "mode"]) };
  if (intents.includes("deadline") && !filter.province) return { type: "open_registrations" };
  if (kinds === FAIR) return { type: "upcoming", filter: narrowed(filter, ["province", "month", "kind", "sector"]) };
  return undefined;
}

/**
 * The one upcoming event a question means by its province, month and kind alone ("hội chợ Lạng
 * Sơn": the Lạng Sơn fair, not its exhibition), or undefined when there are several or none.
 */
function onlyFairIn(catalog: Catalog, today: string, filter: ListFilter, namesFair: boolean): string | undefined {
  const kind = filter.kind ?? (namesFair ? "fair" : undefined);
  const fairs = upcomingFairs(catalog, today).filter((f) => fairMatches(f, { ...filter, kind }));
  return fairs.length === 1 ? fairs[0]!.id : undefined;
}

/**
 * Understands a question: what is asked (intent keywords), about which fair, gate or office
 * (ranked search), narrowed to which province, month, kind (list filters). A province, a pronoun
 * or a keyword alone never names a fair or gate; several close candidates become a choice; a
 * question about something the data does not hold is said to be so, never answered with a card.
 */
export function understand(question: string, index: SearchIndex, today: string): Answer {
  const query = withRelativeYear(index.prepare(question), today);
  const intents = detectIntents(query.phrase);
  const has = (intent: Intent) => intents.includes(intent);
  const filter = index.filters.read(query.phrase, query.words, today, [...query.years]);
  const unspecific = unspecificTokens(index, filter, has("office"));
  // Within the kind asked for, one specific word shared with one other name is enough ("芒街展会": the fair, not the gate).
  const find = (kinds: EntityKind[] | undefined) =>
    closeMatches(index.search(query, { kinds, today, unspecific }), kinds ? KIND_MINIMUM : undefined);

  // "Who handles visas" asks for an office; "do I need a visa" is not in the data.
  const asksData = (["gate", "fair_info", "contact", "deadline", "register"] as Intent[]).some(has);
  if (has("out_of_scope")) {
    // "Lang Son fair dates? Want to book a hotel early": the dates; the hotel is why they ask.
    const answered = withoutAsides(question);
    if (answered) {
      const answer = understand(answered.rest, index, today);
      const asksFact = !answered.situation || asksFactOutright(index.prepare(answered.rest).phrase);
      if (asksFact && !NO_DATA.has(answer.type)) return answer;
    }
    const topic = outOfScopeTopic(query.phrase);
    const plainly = plainlyOutOfScope(query.phrase);
    const smallTalk = has("greeting") && topic === "weather" && !asksAboutWeather(query.phrase);
    // An office is the answer to "who handles visas / customs"; a job at the office is still not in the data.
    const officeAnswers = has("office") && (topic === "visa" || topic === "tariff" || !plainly);
    if (!smallTalk && !officeAnswers && (plainly || !asksData))
      return { type: "out_of_scope", topic, province: filter.province ?? provinceOfNamed(index, query, today) };
  }
  // "Which fairs still take sign-ups? Send me the list": the open ones, not my registrations or a sign-up.
  const whichOpen = has("open_registrations") && asksWhich(query.phrase);
  if (has("mine") && !whichOpen) return { type: "mine" };
  if (has("subscribe") && !whichOpen) return { type: "subscribe" };
  const asksFact = asksPrice(query.phrase) || asksPlacesLeft(query.phrase);
  const signMeUp = asksToBeSignedUp(query.phrase);
  const registerAsked = has("register") && !has("deadline") && !has("open_registrations") && !has("office") && !asksFact;
  if (registerAsked || (signMeUp && !whichOpen && !asksFact)) {
    const fairId = fairToRegister(index, query, filter, unspecific, today);
    // "Which fairs are there? We want to exhibit" asks for the list first.
    if (fairId || !has("upcoming") || signMeUp) return { type: "register", fairId };
  }

  const kinds = kindsFor(intents, query.phrase) ?? (filter.month ? FAIR : undefined);
  // Plural words ("events", "fairs") or a month ask for a list, not for one fair.
  // "Which sectors" asks about one fair, "which gates" for a list; a month alone asks for its events.
  const listAsked = asksList(query.phrase) && !has("fair_info");
  const aboutOne = has("fair_info") && asksAboutOne(query.phrase);
  const strongList = !aboutOne && (has("upcoming") || PLURAL.test(query.words) || listAsked);
  const wantsList = strongList || filter.month !== undefined;
  let matches = find(kinds);
  // Nothing of the kind asked: another kind may be meant ("Hữu Nghị" with "office"), unless the
  // question narrows a list (the "fairs" topic is only the word "fair", which narrows nothing).
  const topic = filter.topic === "fairs" ? undefined : filter.topic;
  if (matches.length === 0 && kinds && !filter.province && !topic && !filter.mode && !filter.month) matches = find(undefined);
  // "A list of the fairs coming", "what gates are there": a list, unless a name is said in full.
  if (strongList) matches = matches.filter((m) => m.named);
  // "Quảng Ninh có mấy cửa khẩu, em chỉ biết Móng Cái": the list, not the gate said in passing.
  if (kinds === GATE && asksCount(query.phrase)) matches = [];
  // "Cảm ơn, thông tin rất hữu ích": thanks, not the Hữu Nghị gate.
  if (intents.every((i) => i === "thanks" || i === "greeting")) matches = matches.filter((m) => m.named);
  // "Too late for the Hekou one, which others are still open?": not the one named.
  if (has("open_registrations") && asksForOthers(query.phrase)) return { type: "open_registrations" };
  // A list narrowed by province, month or kind wins over a fair found only by some of its words.
  const bySector = kinds === FAIR ? filter.sector : undefined;
  const narrowedList =
    wantsList && kinds !== undefined && (filter.province || filter.month || filter.kind || filter.mode || bySector);
  if (narrowedList) matches = matches.filter((m) => m.named);
  // A rail gate among the Pingxiang ones: the mode said tells them apart; none found, the list of that mode.
  if (kinds === GATE && filter.mode) matches = matches.filter((m) => index.catalog.gates.get(m.id)?.modes.includes(filter.mode!));
  // Two editions or events alike: the kind said ("hội chợ", "exhibition") tells them apart.
  if (matches.length > 1)
    matches = preferKind(index.catalog, matches, filter.kind ?? (index.filters.namesFair(query.phrase) ? "fair" : undefined));
  if (matches.length === 1) {
    const ref = matches[0]!;
    if (ref.kind === "fair" && (has("deadline") || has("open_registrations"))) return { type: "fair_deadline", id: ref.id };
    return { type: "card", ref: { kind: ref.kind, id: ref.id } };
  }
  if (matches.length > 1 && matches.length <= MAX_CHOICES && !wantsList) {
    return { type: "choose", refs: matches.map(({ kind, id }) => ({ kind, id })) };
  }
  // "The fair in Lào Cai in December, which sectors?": the one event the province, month and kind
  // leave; "the fair with a textiles section, who organises it?": the one event of that sector.
  // "Hội chợ LS còn kịp đăng ký không": that fair's deadline (closed, it says so). "Có hội chợ gì
  // ở Lào Cai": the list.
  const narrowsToOne = filter.province || filter.month || bySector;
  const aboutItsDeadline = (has("open_registrations") || has("deadline")) && !asksWhich(query.phrase);
  if (kinds === FAIR && narrowsToOne && !strongList && (asksAspect(query.phrase) || aboutItsDeadline)) {
    const only = onlyFairIn(index.catalog, today, filter, index.filters.namesFair(query.phrase));
    const deadline = has("deadline") || has("open_registrations");
    if (only) return deadline ? { type: "fair_deadline", id: only } : { type: "card", ref: { kind: "fair", id: only } };
  }
  if (has("open_registrations")) return { type: "open_registrations" };
  // A fact of "the gate of Lào Cai" (its hours, its e-mail, its type): the province's only gate.
  if (kinds === GATE && filter.province && (has("contact") || asksGateType(query.phrase)) && !wantsList) {
    const gates = [...index.catalog.gates.values()].filter((g) => g.province === filter.province);
    if (gates.length === 1) return { type: "card", ref: { kind: "gate", id: gates[0]!.id } };
  }
  if (kinds === CONTACT && filter.province) {
    const only = onlyOfficeIn(index.catalog, filter.province, index.filters.officeKind(query.phrase));
    if (only) return { type: "card", ref: { kind: "contact", id: only } };
  }
  const list = listFor(kinds, intents, filter);
  if (list) return list;
  // A province and nothing else ("Lạng Sơn"): what there is about it, to choose from.
  if (filter.province && !kinds) {
    const refs = provinceRefs(index.catalog, filter.province, today);
    if (refs.length > 0) return { type: "choose", refs };
  }
  if (has("thanks")) return { type: "thanks" };
  if (has("greeting")) return { type: "greeting" };
  return { type: "not_found" };
}

function preferKind(catalog: Catalog, matches: Match[], kind: string | undefined): Match[] {
  if (!kind || matches.some((m) => m.kind !== "fair")) return matches;
  const ofKind = matches.filter((m) => catalog.fairs.get(m.id)?.kind === kind);
  return ofKind.length === 1 ? ofKind : matches;
}

const THIS_YEAR = / (nam nay|this year) |今年/;
const NEXT_YEAR = / (nam sau|nam toi|next year) |明年/;

/** "Năm nay", "this year", "明年" name a year as its digits would: editions are told apart by it. */
function withRelativeYear(query: Query, today: string): Query {
  const year = Number(today.slice(0, 4));
  const named = THIS_YEAR.test(query.words) ? year : NEXT_YEAR.test(query.words) ? year + 1 : undefined;
  if (named === undefined) return query;
  // "năm" (year) is not the "Nam" of Vân Nam or Nam Ninh here.
  const tokens = new Set([...query.tokens].filter((t) => t !== "nam"));
  return { ...query, tokens, years: new Set([...query.years, String(named)]) };
}

const MAX_PROVINCE_CHOICES = 8;

/** A province's upcoming events, then its offices, then its gates. */
function provinceRefs(catalog: Catalog, province: string, today: string): EntityRef[] {
  const fairs = upcomingFairs(catalog, today).filter((f) => f.province === province);
  const contacts = [...catalog.contacts.values()].filter((c) => c.province === province);
  const gates = [...catalog.gates.values()].filter((g) => g.province === province);
  return [
    ...fairs.map((f) => ({ kind: "fair" as const, id: f.id })),
    ...contacts.map((c) => ({ kind: "contact" as const, id: c.id })),
    ...gates.map((g) => ({ kind: "gate" as const, id: g.id })),
  ].slice(0, MAX_PROVINCE_CHOICES);
}

// "Events", "fairs"; Vietnamese marks the plural before the noun: "các sự kiện", "những hội chợ".
const PLURAL = / (events|fairs|trade fairs|exhibitions|expos|seminars) | (cac|nhung) (su kien|hoi cho|trien lam|hoi thao) /;

/** Tokens that narrow a list but name nothing: the province's, and those of modes, topics and kinds. */
function unspecificTokens(index: SearchIndex, filter: ListFilter, aboutOffices = false): ReadonlySet<string> {
  return unspecificOf(index, `${filter.province ?? ""}|${aboutOffices}`, () => {
    const tokens = new Set(index.filters.filterTokens);
    if (aboutOffices) for (const token of index.filters.topicTokens) tokens.add(token);
    if (filter.province) for (const token of index.filters.provinceTokens(filter.province)) tokens.add(token);
    return tokens;
  });
}

// Few provinces, two cases each: the sets are made once per index.
const unspecificSets = new WeakMap<SearchIndex, Map<string, ReadonlySet<string>>>();
function unspecificOf(index: SearchIndex, key: string, make: () => ReadonlySet<string>): ReadonlySet<string> {
  let sets = unspecificSets.get(index);
  if (!sets) unspecificSets.set(index, (sets = new Map()));
  let set = sets.get(key);
  if (!set) sets.set(key, (set = make()));
  return set;
}

/** The one office of a province of the kind named ("Sở Công Thương Lào Cai"); undefined when the kind is not said. */
function onlyOfficeIn(catalog: Catalog, province: string, kind: string | undefined): string | undefined {
  if (!kind) return undefined;
  const offices = [...catalog.contacts.values()].filter((c) => c.province === province && officeKindOf(c.name) === kind);
  return offices.length === 1 ? offices[0]!.id : undefined;
}

/** The fair a wish to register names, if one: by name, or as the only upcoming one of its kind in a province. */
function fairToRegister(
  index: SearchIndex,
  query: Query,
  filter: ListFilter,
  unspecific: ReadonlySet<string>,
  today: string,
): string | undefined {
  const found = index.search(query, { kinds: FAIR, today, unspecific });
  const matches = closeMatches(found, KIND_MINIMUM);
  if (matches.length === 1) return matches[0]!.id;
  // Weak evidence, but the only event of the kind named ("南宁那个座谈会").
  const ofKind = filter.kind ? found.filter((m) => index.catalog.fairs.get(m.id)?.kind === filter.kind) : [];
  if (matches.length === 0 && ofKind.length === 1) return ofKind[0]!.id;
  if (matches.length > 1 || !filter.province) return undefined;
  return onlyFairIn(index.catalog, today, filter, index.filters.namesFair(query.phrase));
}

// Who can answer what the data does not hold: customs for tariffs, the consulate for visas, else trade promotion.
const OFFICE_TOPIC: Record<OutOfScopeTopic, string> = {
  tariff: "customs-clearance",
  visa: "visa",
  exchange_rate: "trade-promotion",
  weather: "trade-promotion",
  other: "trade-promotion",
};

/**
 * The office to point an out-of-scope question to: the one for the topic (customs for tariffs, the
 * consulate for visas), in the province named when there is one. For weather, exchange rates and
 * the rest only the province's own office makes sense; with no province named, none (the bot
 * offers the list of offices instead of an arbitrary one).
 */
export function officeFor(catalog: Catalog, topic: OutOfScopeTopic, province: string | undefined): string | undefined {
  const offices = [...catalog.contacts.values()].filter((c) => c.topics.includes(OFFICE_TOPIC[topic]));
  const inProvince = offices.find((c) => c.province === province);
  if (OFFICE_TOPIC[topic] === "trade-promotion") return inProvince?.id;
  return (inProvince ?? offices[0])?.id;
}

/** A question in Chinese characters is answered in Chinese, one in Vietnamese letters in Vietnamese. */
export function answerLocale(question: string, userLocale: Locale): Locale {
  if (hasCjk(question)) return "zh";
  if (looksVietnamese(question)) return "vi";
  return userLocale;
}

/** The province of a gate, fair or office named in full in the question ("tỷ giá ở Móng Cái" → Quảng Ninh). */
function provinceOfNamed(index: SearchIndex, query: Query, today: string): string | undefined {
  const named = index.search(query, { today }).find((m) => m.named);
  if (!named) return undefined;
  const { catalog } = index;
  return (catalog.gates.get(named.id) ?? catalog.fairs.get(named.id) ?? catalog.contacts.get(named.id))?.province;
}
