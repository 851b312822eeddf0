import { fold, includesAny, needleOf, PhraseMatcher, phraseFormOfFolded } from "../../domain/text.js";
import { expandAbbreviations } from "./abbreviations.js";
import { EVERYDAY } from "./out-of-scope-other-words.js";
import { MARKET_PRICES, TRADE } from "./out-of-scope-trade-words.js";
import { type OutOfScopeTopic, type TopicWords, WEATHER_AND_MONEY } from "./out-of-scope-words.js";

export type { OutOfScopeTopic };

const ALL: TopicWords[] = [...WEATHER_AND_MONEY, ...TRADE, EVERYDAY];
const OTHER_LAST: OutOfScopeTopic[] = ["weather", "exchange_rate", "tariff", "visa", "other"];

/** The out-of-scope intent's alternatives for the keyword rules: any word, or both halves of a pair. */
export const OUT_OF_SCOPE_RULE: string[][][] = [
  [ALL.flatMap((t) => [...t.words, ...(t.sharingNames ?? [])])],
  ...ALL.flatMap((t) => (t.pairs ?? []).map(([a, b]) => [a, b])),
];

/** Out-of-scope words that are keywords, never read as part of a name: all but the generated, paired and name-sharing ones. */
export const OUT_OF_SCOPE_KEYWORDS: readonly string[] = [...WEATHER_AND_MONEY, ...TRADE, EVERYDAY]
  .filter((t) => t.words !== MARKET_PRICES)
  .flatMap((t) => t.words);

// Words that name something outside the data only when nothing else is asked: "a booth in USD" or "bao nhiêu tệ",
// "the gate's hours for entry", "shipping through Hữu Nghị", "which gates take trains (火车)" ask
// about a fair or a gate.
const WEAK = new Set(
  [
    ...["usd", "cny", "rmb", "vnd", "yuan", "đô la", "tiền việt", "美元", "人民币", "越南盾", "nhân dân tệ"],
    ...["bao nhiêu tệ", "mấy tệ", "how many yuan"],
    ...["nhập cảnh", "xuất cảnh", "入境", "出境", "enter vietnam", "enter china"],
    ...["shipping", "vận chuyển", "freight", "火车"],
  ].map(needleOf),
);

interface Compiled {
  topic: OutOfScopeTopic;
  words: string[];
  pairs: Array<[string[], string[]]>;
}

const COMPILED: Compiled[] = ALL.map((t) => ({
  topic: t.topic,
  words: [...t.words, ...(t.sharingNames ?? [])].map(needleOf),
  pairs: (t.pairs ?? []).map(([a, b]) => [a.map(needleOf), b.map(needleOf)] as [string[], string[]]),
})).sort((a, b) => OTHER_LAST.indexOf(a.topic) - OTHER_LAST.indexOf(b.topic));

const STRONG = new PhraseMatcher(COMPILED.flatMap((t) => t.words).filter((n) => !WEAK.has(n)));
const ANY = new PhraseMatcher(COMPILED.flatMap((t) => t.words));
const PAIRS = COMPILED.flatMap((t) => t.pairs);

const pairFound = (phrase: string, pairs: Array<[string[], string[]]>) =>
  pairs.some(([a, b]) => includesAny(phrase, a) && includesAny(phrase, b));

/** Whether the question names something outside the data plainly (weather, tariffs), not only in passing (a currency). */
export const plainlyOutOfScope = (phrase: string): boolean => STRONG.found(phrase).size > 0 || pairFound(phrase, PAIRS);

const mentionsOutOfScope = (phrase: string): boolean => ANY.found(phrase).size > 0 || pairFound(phrase, PAIRS);

/** What an out-of-scope question asks about, for the honest answer and the office to ask instead. */
export function outOfScopeTopic(phrase: string): OutOfScopeTopic {
  const found = COMPILED.find((t) => includesAny(phrase, t.words) || pairFound(phrase, t.pairs));
  return found?.topic ?? "other";
}

const WEATHER = COMPILED.filter((t) => t.topic === "weather");

// "Trời lạnh ghê, ad khỏe không", "今天天气不错哈": small talk about the weather, not a question about it.
const WEATHER_QUESTION = [
  ...[" the nao ", " ra sao ", " bao nhieu do ", " co mua ", " mua khong ", " du bao ", " forecast ", " how "],
  ...[" what ", " will it ", "怎么样", "如何", "多少度", "会不会", "下雨吗", "预报"],
];
export const asksAboutWeather = (phrase: string): boolean => includesAny(phrase, WEATHER_QUESTION);

// An aside gives the reason for the question ("em muốn đặt vé máy bay sớm", "want to book a
// hotel", "我们想…"), says where the asker is ("xe hàng bên em đang xếp hàng", "我们的货车在排队") or
// remarks on the weather ("Trời rét quá"), without asking anything: the question is in the others.
const PURPOSE =
  /^ (?:(?:em|minh|toi|ben|chung|ta|anh|chi|we|i|so|and|vi|because) )*(?:muon|dinh|de|tinh|want|wanna|need|plan|planning|to) /;
const CJK_PURPOSE = /^ (?:我们|我)?(?:想|打算|准备|为了|因为|需要)/;
const ABOUT_ME = / (?:em|minh|toi|we|our|i|my) |我/;
const REMARK = / (?:qua|ghe|that|lam|so|really|very) |[真太好]/;
// Not " may ": the "máy" of "vé máy bay" folds to it.
const QUESTION =
  / (?:khong|chua|bao nhieu|may gio|may ngay|o dau|nao|gi|sao|bao gio|when|how|where|what|which|who|is it|will|does|do|are|can) |[吗么呢几哪?？]|多少|什么|怎么/;
const CLAUSE = /[^,.;!?，。；！？\n]+[,.;!?，。；！？\n]*/g;

const asks = (clause: string, phrase: string) => QUESTION.test(`${phrase}${clause.trim().slice(-1)}`);

type Aside = "reason" | "situation";

function asideOf(clause: string, phrase: string): Aside | undefined {
  if (asks(clause, phrase) || asksAboutWeather(phrase)) return undefined;
  if (PURPOSE.test(phrase) || CJK_PURPOSE.test(phrase)) return "reason";
  if (REMARK.test(phrase) && WEATHER.some((t) => includesAny(phrase, t.words))) return "reason";
  return ABOUT_ME.test(phrase) ? "situation" : undefined;
}

/**
 * The question without its out-of-scope asides, when every clause that names something outside
 * the data is one and a clause that asks something is left ("lang son fair dates? want to book a
 * hotel early" → "lang son fair dates?"); undefined otherwise. `situation`: an aside says where
 * the asker stands ("我的护照快过期了", "visa issue for our partner"), which may be what the rest
 * asks about ("还能过去吗", "which office can help"); only a fact of a fair, gate or office asked
 * for outright (its hours, its phone) is then the question.
 */
export function withoutAsides(question: string): { rest: string; situation: boolean } | undefined {
  const clauses = question.match(CLAUSE) ?? [];
  if (clauses.length < 2) return undefined;
  const kept: string[] = [];
  let asides = 0;
  let asked = false;
  let situation = false;
  for (const clause of clauses) {
    const phrase = phraseFormOfFolded(expandAbbreviations(` ${fold(clause)} `).trim());
    if (!mentionsOutOfScope(phrase)) {
      kept.push(clause);
      asked ||= asks(clause, phrase);
      continue;
    }
    const aside = asideOf(clause, phrase);
    if (!aside) return undefined;
    asides++;
    situation ||= aside === "situation";
  }
  return asides > 0 && asked ? { rest: kept.join(" "), situation } : undefined;
}
