import type { Catalog } from "../../domain/catalog.js";
import { hasCjk, includesAny, needleOf, phraseForm, tokenize } from "../../domain/text.js";

/** What a list answer is narrowed to, as the question says it. */
export interface ListFilter {
  /** A province exactly as the data names it ("Lạng Sơn", "Quảng Tây (Trung Quốc)"). */
  province?: string;
  /** "2027-03": events on during that month. */
  month?: string;
  /** An event kind other than a plain fair (people call every event a fair). */
  kind?: string;
  /** A border gate's mode ("road", "rail"). */
  mode?: string;
  /** An office's topic ("investment", "visa", …). */
  topic?: string;
  /** A sector the event admits ("textiles"): "the fair with a textiles section". */
  sector?: string;
}

// The data names provinces in Vietnamese; people also write them in Chinese and English.
const PROVINCE_NAMES: Record<string, string[]> = {
  "lang son": ["谅山", "langson", "xứ lạng"],
  "lao cai": ["老街", "laocai", "lao kai", "lao cay"],
  "quang ninh": ["广宁", "quangninh", "hạ long", "ha long", "halong", "下龙"],
  "cao bang": ["高平", "caobang"],
  "tuyen quang": ["宣光", "ha giang", "河江"],
  // The capitals stand for their provinces: "南宁本地有没有活动", "any event in kunming".
  "quang tay": ["广西", "guangxi", "quang tay", "南宁", "nanning"],
  "van nam": ["云南", "yunnan", "van nam", "昆明", "kunming", "côn minh"],
  "lai chau": ["莱州"],
  "dien bien": ["奠边"],
};

const needlesOf = (words: string[]) => words.map(needleOf).filter(Boolean);

const KINDS: Array<[string, string[]]> = [
  // Chinese calls any fair 展会 or 展览会: only the Vietnamese and English words name the kind.
  ["exhibition", ["triển lãm", "exhibition"]],
  ["seminar", ["tọa đàm", "hội thảo", "seminar", "workshop", "座谈会", "研讨会", "座谈", "研讨", "推介会"]],
  ["conference", ["hội nghị", "conference", "会议"]],
  ["forum", ["diễn đàn", "forum", "论坛"]],
];

// "Hội chợ" for a fair as such, not for any event: tells the Lạng Sơn fair from the Lạng Sơn exhibition.
const FAIR_WORDS = needlesOf(["hội chợ", "trade fair", "fair", "交易会", "博览会", "商贸会"]);

const NEGATIONS = needlesOf([
  "không cần",
  "không",
  "trừ",
  "no",
  "not",
  "except",
  "without",
  "rather than",
  "instead of",
  "不要",
  "不看",
  "不含",
  "除了",
  "而不是",
]);

// "Ngoài đường bộ thì …", "besides road", "除了公路": the mode said next is not the one wanted.
const BESIDES = [" ngoai ", " tru ", " except ", " besides ", " other than ", "除了", "不是"];

// "展会或者座谈会", "hội chợ hay hội thảo": an event of either kind, no kind in particular.
const EITHER = needlesOf(["hay", "hoặc", "or", "或者", "还是", "或"]);
const ANY_EVENT = needlesOf(["sự kiện", "event", "展会", "活动"]);

// Chinese calls any event 展会 or 展览: 展览 is the exhibition kind only when set apart from the
// others ("只看展览", "展览这一类", "展览，不看博览会").
const ZH_EXHIBITION = needlesOf(["展览"]);
const ZH_KIND_MARKERS = needlesOf(["这一类", "这类", "类型"]);

// Not "chỉ": folded, it is also "chị" (the person asked); a Vietnamese "only" ends with "thôi".
const ONLY = needlesOf(["only", "just", "只", "仅"]);
const saysOnly = (phrase: string) =>
  includesAny(phrase, ONLY) || phrase.endsWith(" thoi ") || / chi .+ thoi (?!gian)/.test(phrase);

const MODES: Array<[string, string[]]> = [
  ["rail", ["đường sắt", "tàu hỏa", "tàu hoả", "ga tàu", "đoàn tàu", "liên vận", "rail", "railway", "train", "铁路", "火车"]],
  ["road", ["đường bộ", "road", "truck", "xe tải", "公路", "陆路", "货车", "卡车"]],
];

const TOPICS: Array<[string, string[]]> = [
  ["china-side", ["china side", "chinese side", "phía trung quốc", "bên trung quốc", "中方", "中国方面", "中国一侧"]],
  ["investment", ["đầu tư", "investment", "invest", "投资"]],
  ["industrial-parks", ["khu công nghiệp", "industrial park", "industrial zone", "工业园", "产业园"]],
  [
    "customs-clearance",
    ["thông quan", "hải quan", "thủ tục hải quan", "customs clearance", "clearance", "customs", "通关", "清关", "报关"],
  ],
  ["visa", ["visa", "thị thực", "签证"]],
  ["trade-promotion", ["xúc tiến thương mại", "xúc tiến", "trade promotion", "贸易促进", "促进"]],
  ["registration", ["đăng ký", "registration", "register", "报名"]],
  ["fairs", ["hội chợ", "triển lãm", "fair", "exhibition", "展会", "博览会", "交易会"]],
  ["border-gates", ["cửa khẩu", "border gate", "口岸"]],
];

// Sectors as people name them (the dataset's names are long: "Dệt may, da giày"). Only words that
// name nothing else: "điện" alone is also the "điện" of "điện thoại" (telephone).
const SECTORS: Array<[string, string[]]> = [
  ["agriculture", ["nông sản", "nông nghiệp", "agricultural", "agriculture", "farm produce", "农产品", "农业"]],
  ["food", ["thực phẩm", "food", "食品"]],
  ["industry", ["công nghiệp chế biến", "chế tạo", "manufacturing", "制造"]],
  ["electronics", ["điện tử", "electronics", "electrical", "电子", "电气"]],
  ["energy", ["năng lượng", "green energy", "energy", "能源"]],
  ["machinery", ["máy móc", "thiết bị", "machinery", "equipment", "机械", "设备"]],
  ["vehicles", ["phương tiện vận tải", "ô tô", "vehicles", "交通运输工具", "汽车"]],
  ["logistics", ["logistics", "物流"]],
  ["finance", ["tài chính", "ngân hàng", "finance", "banking", "金融"]],
  ["tourism", ["du lịch", "tourism", "旅游"]],
  ["textiles", ["dệt may", "da giày", "may mặc", "textile", "garment", "footwear", "纺织", "服装"]],
  ["healthcare", ["y tế", "dược phẩm", "healthcare", "pharmaceutical", "pharma", "medical", "医疗", "医药"]],
  ["consumer", ["hàng tiêu dùng", "consumer goods", "消费品"]],
  ["forestry", ["lâm sản", "đồ gỗ", "forestry", "timber", "林产品", "木材"]],
];

/** An office as people name its kind: a Department of Industry and Trade, an economic zone authority, a consulate. */
const OFFICE_KINDS: Array<[string, string[]]> = [
  [
    "doit",
    ["sở công thương", "department of industry and trade", "industry and trade", "doit", "工贸厅", "工业贸易厅", "工商厅"],
  ],
  ["authority", ["ban quản lý", "khu kinh tế", "economic zone", "authority", "管委会", "管理委员会", "经济区"]],
  ["consulate", ["lãnh sự", "consulate", "领事馆", "领事"]],
];

const compile = (table: Array<[string, string[]]>) => table.map(([value, words]) => ({ value, needles: needlesOf(words) }));
/** Chinese words of the filters (modes, topics, kinds, office kinds, province names): no name is made of them. */
export const CJK_FILTER_WORDS: readonly string[] = [
  ...[...KINDS, ...MODES, ...TOPICS, ...OFFICE_KINDS, ...SECTORS].flatMap(([, words]) => words),
  ...Object.values(PROVINCE_NAMES).flat(),
]
  .filter(hasCjk)
  .flatMap((word) => [word, `${word}省`, `${word}市`])
  .map((word) => phraseForm(word).trim());

const KIND_NEEDLES = compile(KINDS);
const OFFICE_KIND_NEEDLES = compile(OFFICE_KINDS);
const MODE_NEEDLES = compile(MODES);
const TOPIC_NEEDLES = compile(TOPICS);
const SECTOR_NEEDLES = compile(SECTORS);
// "We make machinery, which events are there?" says who asks, not which events: a sector narrows
// the list only when it is said of the event ("the fair with a textiles section", "có ngành nông sản").
const SELF_DESCRIPTION = needlesOf([
  "làm",
  "chuyên",
  "sản xuất",
  "kinh doanh",
  "we make",
  "we produce",
  "we sell",
  "we are",
  "做",
  "生产",
  "我们是",
]);
const SECTOR_MARKERS = needlesOf([
  "ngành",
  "lĩnh vực",
  "gian hàng",
  "khu",
  "mảng",
  "sector",
  "section",
  "pavilion",
  "展区",
  "行业",
  "板块",
  "领域",
]);

const first = (table: Array<{ value: string; needles: string[] }>, phrase: string) =>
  table.find(({ needles }) => includesAny(phrase, needles))?.value;

const MONTHS_EN = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const MONTH_WORDS = [
  "january",
  "february",
  "march",
  "april",
  "may",
  "june",
  "july",
  "august",
  "september",
  "october",
  "november",
  "december",
];
// "may" is also a verb ("may I register"), "sep" the Vietnamese "sếp" (boss): "May" and the short
// names name a month only as "in May", "May 2027", "12 Dec".
const MONTH_PATTERNS = MONTH_WORDS.map((word, i) =>
  word === "may"
    ? /\b(in|of|during) may\b|\bmay 20\d\d\b/
    : new RegExp(
        `\\b${word}\\b|\\b(in|of|during|by|from|until) ${MONTHS_EN[i]}\\b|\\b${MONTHS_EN[i]} (20\\d\\d|\\d{1,2})\\b|\\b\\d{1,2} ${MONTHS_EN[i]}\\b`,
      ),
);
const ZH_NUMERALS = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"];

/** The month a question names (1–12), in any of the three languages, if any. */
const VI_NUMBERS = ["mot", "hai", "ba", "bon", "nam", "sau", "bai", "tam", "chin", "muoi", "muoi mot", "muoi hai"];

// The first and the last month of a year said in words: "tháng đầu tiên của năm sau", "今年最后一个月",
// "the last month of the year", "元旦过后的那个月" (the month after New Year's Day).
const FIRST_MONTH =
  / thang (dau|dau tien|thu nhat) (cua )?nam | (sau|qua) tet duong lich | first month of | 1st month of |第一个月|一月份|元旦(过后|之后|以后)/;
const LAST_MONTH =
  / thang (cuoi|cuoi cung) (cua )?nam | last month of (the |this )?year | end of (the |this )?year | cuoi nam |最后一个月|年底|年末/;
const ORDINALS = [
  "first",
  "second",
  "third",
  "fourth",
  "fifth",
  "sixth",
  "seventh",
  "eighth",
  "ninth",
  "tenth",
  "eleventh",
  "twelfth",
];
const ORDINAL_MONTH = new RegExp(
  ` (\\d{1,2})(?:st|nd|rd|th) month | (${ORDINALS.join("|")}) month | thang thu (\\d{1,2}) |第(\\d{1,2}|十[一二]|[一二三四五六七八九十])个月`,
);

/** A month named by its place in the year ("the 3rd month", "第三个月", "the last month of the year"). */
function monthByPlace(phrase: string): number | undefined {
  if (LAST_MONTH.test(phrase)) return 12;
  if (FIRST_MONTH.test(phrase)) return 1;
  const found = ORDINAL_MONTH.exec(phrase);
  if (!found) return undefined;
  const [, digits, word, vi, zh] = found;
  if (word) return ORDINALS.indexOf(word) + 1;
  const number = digits ?? vi ?? zh!;
  return /\d/.test(number) ? Number(number) : ZH_NUMERALS.indexOf(number) + 1;
}

function monthNumber(phrase: string, today: string): number | undefined {
  const current = Number(today.slice(5, 7));
  if (/ thang nay | this month | cuoi thang | end of (the |this )?month /.test(phrase) || /这个月|本月|月底|月末/.test(phrase))
    return current;
  if (/ (?<!may )thang (sau|toi) | next month /.test(phrase) || /下个月|下月/.test(phrase)) return (current % 12) + 1;
  const byPlace = monthByPlace(phrase);
  if (byPlace) return byPlace;
  // "tháng mười hai", "T4/2027", "12/2026": month words and numbers as people type them.
  const viWords = / thang (muoi hai|muoi mot|muoi|mot|gieng|hai|ba|bon|tu|nam|sau|bai|tam|chin) /.exec(phrase)?.[1];
  if (viWords) return viWords === "gieng" ? 1 : viWords === "tu" ? 4 : VI_NUMBERS.indexOf(viWords) + 1;
  const short = / t(1[0-2]|0?[1-9]) /.exec(phrase)?.[1] ?? / (1[0-2]|0?[1-9]) 20\d\d /.exec(phrase)?.[1];
  if (short) return Number(short);
  const vi = /\bthang (\d{1,2})\b/.exec(phrase)?.[1];
  if (vi) return Number(vi);
  const zh = /(\d{1,2})\s?月/.exec(phrase)?.[1] ?? /(十[一二]|[一二三四五六七八九十])月/.exec(phrase)?.[1];
  if (zh) return /\d/.test(zh) ? Number(zh) : ZH_NUMERALS.indexOf(zh) + 1;
  const english = MONTH_PATTERNS.findIndex((pattern) => pattern.test(phrase));
  return english >= 0 ? english + 1 : undefined;
}

/** The next month of that number from today ("2026-11-23", 3 → "2027-03"), or in the year named. */
function monthOf(month: number, today: string, years: string[]): string | undefined {
  if (month < 1 || month > 12) return undefined;
  const thisYear = Number(today.slice(0, 4));
  const year = years[0] ? Number(years[0]) : month >= Number(today.slice(5, 7)) ? thisYear : thisYear + 1;
  return `${year}-${String(month).padStart(2, "0")}`;
}

/** The kind of an office by its names ("Sở Công Thương tỉnh Lào Cai" → "doit"). */
export function officeKindOf(names: Record<string, string>): string | undefined {
  const phrases = Object.values(names).map((name) => phraseForm(name));
  return OFFICE_KIND_NEEDLES.find(({ needles }) => phrases.some((p) => includesAny(p, needles)))?.value;
}

const tokensOf = (table: Array<[string, string[]]>) =>
  new Set(table.flatMap(([, words]) => words.flatMap((w) => tokenize(phraseForm(w).trim()))));

/** Finds what a question narrows a list to: built once per catalog (its provinces). */
export class FilterReader {
  private readonly provinces: Array<{ province: string; needles: string[]; tokens: Set<string> }> = [];

  constructor(catalog: Catalog) {
    const names = new Set<string>();
    for (const item of [...catalog.fairs.values(), ...catalog.gates.values(), ...catalog.contacts.values()])
      names.add(item.province);
    for (const province of names) {
      const base = province.replace(/\(.*?\)/g, "").trim();
      const folded = phraseForm(base).trim();
      const others = PROVINCE_NAMES[folded] ?? [];
      // 广宁省, 谅山市: the characters pairs across the suffix are the province too, not a name.
      const words = [base, ...others, ...others.filter(hasCjk).flatMap((name) => [`${name}省`, `${name}市`])];
      const needles = needlesOf(words);
      this.provinces.push({ province, needles, tokens: new Set(words.flatMap((w) => tokenize(phraseForm(w).trim()))) });
    }
  }

  /** The province a question names, exactly as the data spells it. */
  province(phrase: string): string | undefined {
    return this.provinces.find(({ needles }) => includesAny(phrase, needles))?.province;
  }

  /** Tokens of a province's names: a province alone names no particular fair, gate or office. */
  provinceTokens(province: string): Set<string> {
    return this.provinces.find((p) => p.province === province)?.tokens ?? new Set();
  }

  /** Words of modes and kinds: they narrow a list, they name no particular gate or event. */
  readonly filterTokens: ReadonlySet<string> = tokensOf([...MODES, ...KINDS, ...SECTORS]);

  /** Words of office topics ("đầu tư", "投资"): in a question about offices they name no office. */
  readonly topicTokens: ReadonlySet<string> = tokensOf(TOPICS);

  /** The kind of office a question names ("doit", "authority", "consulate"), if any. */
  officeKind(phrase: string): string | undefined {
    return first(OFFICE_KIND_NEEDLES, phrase);
  }

  /**
   * The one kind of event a question narrows to. Naming several ("hội chợ hay triển lãm") narrows
   * to none, unless the others come after a "no" ("only trade fairs, no exhibitions").
   */
  private kind(phrase: string): string | undefined {
    if (includesAny(phrase, EITHER) && includesAny(phrase, ANY_EVENT) && !saysOnly(phrase)) return undefined;
    const setApart = saysOnly(phrase) || includesAny(phrase, ZH_KIND_MARKERS) || includesAny(phrase, NEGATIONS);
    const zhExhibition = setApart ? [{ value: "exhibition", needles: ZH_EXHIBITION }] : [];
    const found = [...KIND_NEEDLES, ...zhExhibition, { value: "fair", needles: FAIR_WORDS }]
      .map(({ value, needles }) => ({ value, at: Math.min(...needles.map((n) => phrase.indexOf(n)).filter((i) => i >= 0)) }))
      .filter(({ at }) => Number.isFinite(at));
    const no = Math.min(...NEGATIONS.map((n) => phrase.indexOf(n)).filter((i) => i >= 0));
    const wanted = found.filter(({ at }) => at < no).sort((a, b) => a.at - b.at);
    // "Only trade fairs, no exhibitions", "只看博览会": the kind said first after "only".
    if (saysOnly(phrase) && wanted.length > 0) return wanted[0]!.value;
    if (found.length > 1 && wanted.length === 1 && Number.isFinite(no)) return wanted[0]!.value;
    return found.length === 1 && found[0]!.value !== "fair" ? found[0]!.value : undefined;
  }

  /** Whether the question says "fair" (hội chợ, 交易会) rather than naming another kind of event. */
  namesFair(phrase: string): boolean {
    return includesAny(phrase, FAIR_WORDS);
  }

  /** The mode asked for; one said after "ngoài", "except", "除了" is the one not wanted. */
  private mode(phrase: string): string | undefined {
    const found = MODE_NEEDLES.filter(({ needles }) => includesAny(phrase, needles));
    if (found.length < 2) return found[0]?.value;
    const wanted = found.filter(
      ({ needles }) => !needles.some((n) => BESIDES.some((b) => phrase.includes(`${b}${n.trimStart()}`))),
    );
    return (wanted.length > 0 ? wanted : found)[0]!.value;
  }

  private sector(phrase: string): string | undefined {
    const sector = first(SECTOR_NEEDLES, phrase);
    if (!sector || (includesAny(phrase, SELF_DESCRIPTION) && !includesAny(phrase, SECTOR_MARKERS))) return undefined;
    return sector;
  }

  /** `phrase` in phraseForm (for the word lists), `words` folded but not stemmed (for months: "this month"). */
  read(phrase: string, words: string, today: string, years: string[]): ListFilter {
    const month = monthNumber(words, today);
    return {
      province: this.province(phrase),
      month: month === undefined ? undefined : monthOf(month, today, years),
      kind: this.kind(phrase),
      mode: this.mode(phrase),
      topic: first(TOPIC_NEEDLES, phrase),
      sector: this.sector(phrase),
    };
  }
}
