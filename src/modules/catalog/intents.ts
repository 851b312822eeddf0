import { phraseForm, phraseNeedle, tokenize } from "../../domain/text.js";

export type Intent = "deadline" | "fair_info" | "upcoming" | "gate" | "office" | "contact" | "fairs_word" | "unknown";

/**
 * Keyword rules, checked in order; a rule fires when every group of one of its alternatives has
 * a phrase in the question. Written in natural spelling and folded once at load.
 */
const RULES: Array<{ intent: Intent; any: string[][][] }> = [
  {
    intent: "deadline",
    any: [
      [
        [
          "hạn đăng ký",
          "còn hạn",
          "đang mở đăng ký",
          "mở đăng ký",
          "open registration",
          "registration open",
          "open for registration",
          "可以报名",
          "正在报名",
          "hạn chót",
          "hết hạn",
          "thời hạn",
          "hạn nộp",
          "deadline",
          "closing date",
          "register by",
          "last day to register",
          "截止",
          "报名期限",
          "报名时间",
          "报名日期",
          "截至",
        ],
      ],
      [
        ["đăng ký", "registration", "register", "报名"],
        ["khi nào", "bao giờ", "đến ngày", "until", "when", "close", "什么时候", "几号"],
      ],
    ],
  },
  {
    intent: "office",
    any: [
      [
        [
          "sở công thương",
          "ban quản lý",
          "lãnh sự",
          "tổng lãnh sự",
          "department",
          "authority",
          "consulate",
          "trade office",
          "office",
          "工贸厅",
          "管理委员会",
          "管委会",
          "领事馆",
          "厅",
          "委员会",
        ],
      ],
    ],
  },
  { intent: "gate", any: [[["cửa khẩu", "border gate", "gate", "border crossing", "crossing", "口岸", "关口", "边境口岸"]]] },
  {
    intent: "fair_info",
    any: [
      [
        [
          "diễn ra",
          "tổ chức",
          "ở đâu",
          "địa điểm",
          "ngày nào",
          "khi nào",
          "bao giờ",
          "where",
          "when",
          "venue",
          "date",
          "held",
          "location",
          "哪里",
          "地点",
          "什么时候",
          "举办",
          "举行",
          "日期",
          "时间",
          "在哪",
        ],
      ],
    ],
  },
  {
    intent: "upcoming",
    any: [
      [
        [
          "sắp tới",
          "sắp diễn ra",
          "sắp tổ chức",
          "hội chợ nào",
          "triển lãm nào",
          "upcoming",
          "coming up",
          "next",
          "list",
          "what fair",
          "最近",
          "即将",
          "近期",
          "哪些",
          "有什么",
          "将要",
        ],
      ],
    ],
  },
  {
    intent: "contact",
    any: [
      [
        [
          "liên hệ",
          "số điện thoại",
          "điện thoại",
          "sđt",
          "email",
          "contact",
          "phone",
          "call",
          "电话",
          "联系",
          "邮箱",
          "giờ mở cửa",
          "giờ làm việc",
          "opening hour",
          "hour",
          "open",
          "开放时间",
          "通关时间",
        ],
      ],
    ],
  },
  {
    intent: "fairs_word",
    any: [
      [
        [
          "hội chợ",
          "triển lãm",
          "tọa đàm",
          "hội nghị",
          "fair",
          "expo",
          "exhibition",
          "seminar",
          "博览会",
          "展会",
          "交易会",
          "展览会",
          "座谈会",
        ],
      ],
    ],
  },
];

const COMPILED = RULES.map((rule) => ({
  intent: rule.intent,
  any: rule.any.map((groups) => groups.map((group) => group.map(phraseForm))),
}));

// Every question is checked against every phrase; the needles are made once.
const NEEDLES = COMPILED.map((rule) => ({
  intent: rule.intent,
  any: rule.any.map((groups) => groups.map((group) => group.map(phraseNeedle).filter(Boolean))),
}));

/** Every intent the question shows, strongest first. */
export function detectIntents(query: string): Intent[] {
  const found = NEEDLES.filter((rule) =>
    rule.any.some((groups) => groups.every((group) => group.some((needle) => query.includes(needle)))),
  ).map((rule) => rule.intent);
  return found.length > 0 ? found : ["unknown"];
}

/** Four-digit years named in the question, used to tell editions of a fair apart. */
export const yearsIn = (query: string): string[] => query.match(/(?<!\d)20\d{2}(?!\d)/g) ?? [];

/** Words of the keyword rules: never "corrected" into a similar place name by the typo matcher. */
export const KEYWORD_TOKENS: ReadonlySet<string> = new Set(
  COMPILED.flatMap((rule) => rule.any.flat(2).flatMap((phrase) => tokenize(phrase.trim()))),
);
