import { distance } from "fastest-levenshtein";
import type { Catalog } from "../../domain/catalog.js";
import { memoize } from "../../domain/memoize.js";
import { fold, hasCjk, PhraseMatcher, phraseForm, phraseFormOfFolded, phraseNeedle, tokenize } from "../../domain/text.js";
import { expandAbbreviations } from "./abbreviations.js";
import { CJK_KEYWORDS, KEYWORD_TOKENS, yearsIn } from "./intents.js";
import { CJK_FILTER_WORDS, FilterReader } from "./question-filters.js";
import { foldWithoutSelfDescription } from "./self-description.js";

export type EntityKind = "fair" | "gate" | "contact";

export interface EntityRef {
  kind: EntityKind;
  id: string;
}

export interface Match extends EntityRef {
  score: number;
  /** Found by a whole name or alias in the question, not only by some of its words. */
  named: boolean;
}

/** A question folded, tokenised and typo-corrected once, to be ranked as often as needed. */
export interface Query {
  /** The whole question in phraseForm (also what the intent keywords are matched against). */
  phrase: string;
  /** The question folded but not stemmed, padded: plurals ("events") still show. */
  words: string;
  /** Latin words with typos corrected, in phraseForm, for aliases. */
  latinPhrase: string;
  tokens: Set<string>;
  years: Set<string>;
}

interface Phrase {
  text: string;
  needle: string;
  weight: number;
  tokens: string[];
}

interface Entry extends EntityRef {
  tokens: Set<string>;
  /** Names and aliases in phraseForm: finding one whole in a question is strong evidence. */
  phrases: Phrase[];
  years: Set<string>;
  endsOn?: string;
}

const NO_PHRASES: readonly Phrase[] = [];

// Words every question carries — particles, pronouns, politeness, question words in the three
// languages (Chinese as character pairs) — say nothing about which fair or gate is meant. "minh"
// (mình, I/we) must never find Ninh Minh, nor "lich" (lịch, schedule) a fair's "du lịch".
export const STOPWORDS: ReadonlySet<string> = new Set(
  [
    "a an the of for to in on at and or is are am be do does did i me my we our us you your it this that there",
    "how what when where which who whom why can could would will should please pls plz tell know want need like",
    "about any some get give info information with from by have has been any let",
    "la co ve o tai nhu the nao minh em anh chi ban ad admin oi nhe nha nhi voi cho hoi xin vui long muon biet",
    "duoc khong ko k gi nay do day thi bao nhieu lich ben toi chung ta cac nhung mot va hay hoac sao ai dau",
    "can giup dum ho vay ah u uh ok dang cua den tu hong",
    "china chinese vietnam vietnamese viet trung quoc 中国 越南 中越 越中",
    "请问 我想 想问 问一 一下 有没 没有 什么 哪些 多少 怎么 可以 我们 你们 我的 是不 不是 吗 呢 的 了 吧 啊",
  ]
    .join(" ")
    .split(" ")
    // Matched against tokens, so written as tokens are (plurals folded: "does" → "doe").
    .flatMap((word) => tokenize(word)),
);

// Shorter words are too often a common Vietnamese syllable one letter from a name ("thang" → Thanh).
const FUZZY_MIN_LENGTH = 6;

/** An index over every fair, gate and office name and alias, for ranking them against a question. */
export class SearchIndex {
  private readonly entries: Entry[] = [];
  private readonly idf = new Map<string, number>();
  /** For each token, the entries (their positions) whose names hold it. */
  private readonly postings = new Map<string, number[]>();
  /** Every name's needle, and whose name each is: a question is looked through once for all of them. */
  private readonly needles: PhraseMatcher;
  private readonly phrasesOfNeedle = new Map<string, Array<{ entry: number; phrase: Phrase }>>();
  private readonly vocabulary: string[];
  /** Words people type recur; each costs a pass over the vocabulary the first time only ("" for none). */
  private readonly closestWord = memoize((token: string) => this.findClosestWord(token) ?? "");
  private lastFound?: { phrase: string; latinPhrase: string; found: Map<number, Phrase[]> };

  /** What a question narrows a list to (province, month, kind, mode, topic). */
  readonly filters: FilterReader;

  constructor(readonly catalog: Catalog) {
    this.filters = new FilterReader(catalog);
    for (const fair of catalog.fairs.values()) {
      const names = [...Object.values(fair.name), ...fair.aliases];
      // People name a fair by where it is, who holds it, or its theme ("Liên kết - Hợp tác - Phát triển").
      const extra = [
        ...Object.values(fair.city),
        fair.province,
        ...Object.values(fair.venue),
        ...Object.values(fair.organizer),
        ...(fair.theme ? Object.values(fair.theme) : []),
      ];
      this.add({ kind: "fair", id: fair.id, endsOn: fair.endsOn }, names, extra);
    }
    for (const gate of catalog.gates.values()) {
      this.add(
        { kind: "gate", id: gate.id },
        [...Object.values(gate.name), ...gate.aliases],
        [...Object.values(gate.counterpart)],
      );
    }
    for (const contact of catalog.contacts.values()) {
      this.add({ kind: "contact", id: contact.id }, Object.values(contact.name), [contact.province]);
    }
    for (const [i, entry] of this.entries.entries()) {
      for (const token of entry.tokens) {
        const posting = this.postings.get(token);
        if (posting) posting.push(i);
        else this.postings.set(token, [i]);
      }
    }
    for (const [token, posting] of this.postings) this.idf.set(token, Math.log(1 + this.entries.length / posting.length));
    for (const [i, entry] of this.entries.entries()) {
      for (const phrase of entry.phrases) {
        phrase.weight = this.weightOf(tokenize(phrase.text.trim()));
        if (!phrase.needle) continue;
        const owners = this.phrasesOfNeedle.get(phrase.needle);
        if (owners) owners.push({ entry: i, phrase });
        else this.phrasesOfNeedle.set(phrase.needle, [{ entry: i, phrase }]);
      }
    }
    this.needles = new PhraseMatcher(this.phrasesOfNeedle.keys());
    this.vocabulary = [...this.postings.keys()].filter((t) => !hasCjk(t) && t.length >= FUZZY_MIN_LENGTH - 1);
  }

  private add(ref: EntityRef & { endsOn?: string }, names: string[], extra: string[]): void {
    const tokens = new Set<string>();
    for (const text of [...names, ...extra]) for (const token of tokenize(fold(text))) tokens.add(token);
    const years = new Set([...tokens].filter((t) => /^20\d{2}$/.test(t)));
    const phrases = names
      .map((name) => phraseForm(name))
      .map((text) => ({ text, needle: phraseNeedle(text), weight: 0, tokens: tokenize(text.trim()) }));
    this.entries.push({ ...ref, tokens, phrases, years });
  }

  private weightOf(tokens: Iterable<string>): number {
    let sum = 0;
    for (const token of new Set(tokens)) if (!STOPWORDS.has(token)) sum += this.idf.get(token) ?? 0;
    return sum;
  }

  /** The closest vocabulary word within one typo (two for long words), for misspelt names. */
  private correct(token: string): string | undefined {
    if (
      token.length < FUZZY_MIN_LENGTH ||
      this.idf.has(token) ||
      KEYWORD_TOKENS.has(token) ||
      STOPWORDS.has(token) ||
      hasCjk(token)
    )
      return undefined;
    return this.closestWord(token) || undefined;
  }

  private findClosestWord(token: string): string | undefined {
    // The start of a longer name ("youyi" of youyiguan), when it starts only one.
    const extended = this.vocabulary.filter((word) => word.length > token.length && word.startsWith(token));
    if (extended.length === 1) return extended[0];
    const limit = token.length >= 8 ? 2 : 1;
    let best: string | undefined;
    let bestDistance = limit + 1;
    for (const word of this.vocabulary) {
      if (Math.abs(word.length - token.length) > limit) continue;
      const d = distance(token, word);
      if (d < bestDistance) [best, bestDistance] = [word, d];
    }
    return best;
  }

  /** Prepares a question for {@link search}. */
  prepare(question: string): Query {
    // "hcLào Cai": a chat abbreviation glued to the name after it. "Chợ" (a market) without "hội"
    // before it is no fair; folded it would be "cho" (for, give), so it is named before folding.
    const spaced = question.replace(/\b(hc|ck|HC|CK)(?=\p{Lu})/gu, "$1 ").replace(/(?<!hội\s)chợ/giu, "market");
    const folded = expandAbbreviations(` ${foldWithoutSelfDescription(spaced)} `).trim();
    // Chinese has no spaces: take out the words that are no name (请问, 口岸, 铁路, 谅山省…) before
    // pairing characters, or pairs across them (路口 of 铁路口岸) would look like names.
    const named = hasCjk(folded) ? stripCjkNoise(folded) : folded;
    const corrected = tokenize(named).map((t) => this.correct(t) ?? t);
    return {
      phrase: phraseFormOfFolded(folded),
      words: ` ${folded} `,
      // Chinese phrases are looked up in the whole text.
      latinPhrase: ` ${corrected.filter((t) => !hasCjk(t)).join(" ")} `,
      tokens: new Set(corrected.filter((t) => !STOPWORDS.has(t))),
      years: new Set(yearsIn(folded)),
    };
  }

  /**
   * The names and aliases said whole in the question, by entry (its position; the entry's order of
   * phrases kept). A question is ranked several times, its text looked through once.
   */
  private phrasesIn(query: Query): Map<number, Phrase[]> {
    const { phrase: fullPhrase, latinPhrase } = query;
    if (this.lastFound?.phrase === fullPhrase && this.lastFound.latinPhrase === latinPhrase) return this.lastFound.found;
    const said = this.needles.found(fullPhrase);
    for (const needle of this.needles.found(latinPhrase)) said.add(needle);
    const byEntry = new Map<number, Set<Phrase>>();
    for (const needle of said) {
      for (const { entry, phrase } of this.phrasesOfNeedle.get(needle)!) {
        const phrases = byEntry.get(entry);
        if (phrases) phrases.add(phrase);
        else byEntry.set(entry, new Set([phrase]));
      }
    }
    const found = new Map<number, Phrase[]>();
    for (const [entry, phrases] of byEntry)
      found.set(
        entry,
        this.entries[entry]!.phrases.filter((p) => phrases.has(p)),
      );
    this.lastFound = { phrase: fullPhrase, latinPhrase, found };
    return found;
  }

  /**
   * Ranks entities against a question. A fair that is over loses weight unless the question names
   * a year, so "the Lang Son fair" means this year's edition, not last year's.
   */
  search(query: Query, options: { kinds?: EntityKind[]; today: string; unspecific?: ReadonlySet<string> }): Match[] {
    const { tokens: queryTokens, years } = query;
    const found = this.phrasesIn(query);
    // The entries sharing a word with the question, from the postings: each word looked up once.
    const scores = new Map<number, { score: number; specific: boolean }>();
    for (const token of queryTokens) {
      const posting = this.postings.get(token);
      if (!posting) continue;
      const idf = this.idf.get(token)!;
      const specificWord = !KEYWORD_TOKENS.has(token) && !options.unspecific?.has(token);
      for (const i of posting) {
        const scored = scores.get(i);
        if (scored) {
          scored.score += idf;
          scored.specific ||= specificWord;
        } else scores.set(i, { score: idf, specific: specificWord });
      }
    }
    const results: Match[] = [];
    for (const [i, entry] of this.entries.entries()) {
      const scored = scores.get(i);
      const phrases = found.get(i) ?? NO_PHRASES;
      if (!scored && phrases.length === 0) continue;
      if (options.kinds && !options.kinds.includes(entry.kind)) continue;
      let score = scored?.score ?? 0;
      let bonus = 0;
      let named = false;
      for (const phrase of phrases) {
        bonus = Math.max(bonus, phrase.weight);
        // "Lào Cai" is a gate's name and the province's: said with the province meant, it names no gate.
        named ||= !options.unspecific || phrase.tokens.some((t) => !options.unspecific!.has(t));
      }
      // "hội chợ", "border gate" or a province alone names no particular fair or gate; a whole name or alias does.
      if (!scored?.specific && !named) continue;
      score += bonus;
      if (years.size > 0 && entry.years.size > 0) {
        score *= [...years].some((y) => entry.years.has(y)) ? 1.5 : 0.3;
      } else if (years.size === 0 && entry.endsOn !== undefined && entry.endsOn < options.today) {
        score *= 0.6;
      }
      results.push({ kind: entry.kind, id: entry.id, score, named });
    }
    return results.sort((a, b) => b.score - a.score);
  }
}

/** Chinese words of the keyword rules, the filters and the stop-list, longest first. */
let cjkNoise: RegExp | undefined;
function stripCjkNoise(folded: string): string {
  cjkNoise ??= new RegExp(
    [...new Set([...CJK_KEYWORDS, ...CJK_FILTER_WORDS, ...[...STOPWORDS].filter(hasCjk)])]
      .sort((a, b) => b.length - a.length)
      .join("|"),
    "g",
  );
  return folded.replace(cjkNoise, " ");
}

/** The matches close enough to the best that the bot cannot choose between them alone. */
export function closeMatches(matches: Match[], minimum = 2.5, ratio = 0.8): Match[] {
  const best = matches[0];
  if (!best || best.score < minimum) return [];
  return matches.filter((m) => m.score >= best.score * ratio);
}
