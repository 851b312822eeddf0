import * as OpenCC from "opencc-js/t2cn";

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;
const CJK_RUN = /[\u3400-\u9fff\uf900-\ufaff]+|[^\u3400-\u9fff\uf900-\ufaff]+/g;

export const hasCjk = (text: string): boolean => CJK.test(text);

/** Letters only Vietnamese uses (after NFC): a question written with them is Vietnamese. */
const VIETNAMESE = /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i;
export const looksVietnamese = (text: string): boolean => VIETNAMESE.test(text.normalize("NFC"));

// Hong Kong and Taiwan businesses write traditional characters (友誼關); the data is simplified.
const traditionalToSimplified = OpenCC.Converter({ from: "hk", to: "cn" });

/** Traditional Chinese characters as simplified ones; other text as it is. */
export const toSimplified = (text: string): string => (CJK.test(text) ? traditionalToSimplified(text) : text);

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

// Vietnamese writes some syllables with y or i alike (đăng ký / đăng kí, lý / lí): one form for both.
const Y_OR_I = /\b(k|l|t|s|qu)y\b/g;

/**
 * Folds text for matching: traditional Chinese to simplified, full-width forms to ASCII (NFKC),
 * lower case, Vietnamese tones removed and đ→d (which Unicode does not decompose), y/i spelling
 * variants of a syllable made one, punctuation to spaces.
 */
export function fold(text: string): string {
  // Plain ASCII (English, Vietnamese typed without tones) has nothing to convert or decompose.
  if (PRINTABLE_ASCII.test(text))
    return text
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, " ")
      .replace(Y_OR_I, "$1i")
      .trim();
  return toSimplified(text)
    .normalize("NFKC")
    .toLowerCase()
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .replace(Y_OR_I, "$1i")
    .trim();
}

/** English plurals fold to the singular; Vietnamese syllables never end in "s", so it is safe. */
const stem = (word: string): string => (word.length > 3 && word.endsWith("s") && !word.endsWith("ss") ? word.slice(0, -1) : word);

/**
 * Tokens of folded text: Latin words (plurals folded) and, for Chinese, overlapping character
 * pairs — Chinese has no spaces, and pairs match 2-character names like 河口 or 同登.
 */
export function tokenize(folded: string): string[] {
  const tokens: string[] = [];
  for (const word of folded.split(" ")) {
    if (!word) continue;
    for (const run of word.match(CJK_RUN) ?? []) {
      if (!CJK.test(run)) {
        tokens.push(stem(run));
      } else if (run.length === 1) {
        tokens.push(run);
      } else {
        for (let i = 0; i + 1 < run.length; i++) tokens.push(run.slice(i, i + 2));
      }
    }
  }
  return tokens;
}

/** Folded text with plurals stemmed, padded with spaces so phrases match on word boundaries. */
export function phraseForm(text: string): string {
  return phraseFormOfFolded(fold(text));
}

/** phraseForm of text that is already folded. */
export function phraseFormOfFolded(folded: string): string {
  const words = folded
    .split(" ")
    .filter(Boolean)
    .map((w) => (CJK.test(w) ? w : stem(w)));
  return ` ${words.join(" ")} `;
}

/**
 * What to look for in a query (in phraseForm) to find a phrase (in phraseForm) with `includes`:
 * Chinese as is, since it has no spaces between words; other text padded, so it matches whole
 * words only. Empty for an empty phrase, which matches nothing. Made once per phrase: every
 * question is matched against hundreds.
 */
export function phraseNeedle(phrase: string): string {
  const bare = phrase.trim();
  if (!bare) return "";
  return hasCjk(bare) ? bare : ` ${bare} `;
}

/** The needle of a phrase written in natural spelling ("đăng ký" → " dang ki "): phraseNeedle of its phraseForm. */
export const needleOf = (text: string): string => phraseNeedle(phraseForm(text));

// One regular expression per word list: V8 scans the text once for all of a long list, instead of
// once per needle. Lists are module constants, so each is compiled once.
const ALTERNATIONS = new WeakMap<readonly string[], RegExp>();
const SHORT_LIST = 4;

/** Whether phraseForm text contains any of these needles. */
export function includesAny(text: string, needles: readonly string[]): boolean {
  if (needles.length <= SHORT_LIST) {
    for (const needle of needles) if (needle && text.includes(needle)) return true;
    return false;
  }
  let pattern = ALTERNATIONS.get(needles);
  if (!pattern) {
    const literal = needles.filter(Boolean).map((needle) => needle.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
    pattern = literal.length > 0 ? new RegExp(literal.join("|")) : /(?!)/;
    ALTERNATIONS.set(needles, pattern);
  }
  return pattern.test(text);
}

/**
 * Finds which of many phrases (needles made by {@link phraseNeedle}) occur in a phrase-form text,
 * looking up only those that start with a word or character of the text: hundreds of keywords cost
 * a few lookups per word instead of a scan of the text each.
 */
export class PhraseMatcher {
  private readonly byStart = new Map<string, string[]>();
  /** Chinese needles that start with a Latin letter or a digit ("g20 峰会"): looked for in every text. */
  private readonly anywhere: string[] = [];

  constructor(needles: Iterable<string>) {
    for (const needle of new Set(needles)) {
      if (!needle) continue;
      if (hasCjk(needle) && !CJK.test(needle[0]!)) {
        this.anywhere.push(needle);
        continue;
      }
      const key = hasCjk(needle) ? needle[0]! : needle.trim().split(" ")[0]!;
      const list = this.byStart.get(key);
      if (list) list.push(needle);
      else this.byStart.set(key, [needle]);
    }
  }

  /** The needles found in `text` (in phraseForm, padded with spaces). */
  found(text: string): Set<string> {
    const found = new Set<string>();
    const check = (key: string) => {
      for (const needle of this.byStart.get(key) ?? []) if (!found.has(needle) && text.includes(needle)) found.add(needle);
    };
    for (const word of text.split(" ")) {
      if (!word) continue;
      check(word);
      if (hasCjk(word)) for (const char of word) check(char);
    }
    for (const needle of this.anywhere) if (text.includes(needle)) found.add(needle);
    return found;
  }
}

const graphemeSegmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });

/** The user-perceived characters of a text: an emoji with its modifiers, or a letter with its accents, is one. */
export const graphemes = (text: string): string[] => Array.from(graphemeSegmenter.segment(text), (s) => s.segment);

/**
 * Plain text shortened to at most `max` characters (UTF-16 units, as Telegram counts) with "…",
 * cut between graphemes: never half an emoji (a lone surrogate Telegram refuses) or a letter
 * without its accent. Shorten before escaping for HTML, so an entity is never cut either.
 */
export function clip(text: string, max: number, ellipsis = "…"): string {
  if (text.length <= max) return text;
  let kept = "";
  for (const grapheme of graphemes(text)) {
    if (kept.length + grapheme.length > max - ellipsis.length) break;
    kept += grapheme;
  }
  return kept + ellipsis;
}
