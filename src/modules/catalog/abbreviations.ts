// What people type in chat for the words the rules know (folded): hc for hội chợ, ck for cửa khẩu…
const ABBREVIATIONS: Record<string, string> = {
  // "ct" alone is as often chương trình or công ty; after "sở" it is công thương.
  "so ct": "so cong thuong",
  hc: "hoi cho",
  ck: "cua khau",
  sct: "so cong thuong",
  bql: "ban quan li",
  ql: "quan li",
  cn: "cong nghiep",
  kkt: "khu kinh te",
  dki: "dang ki",
  dk: "dang ki",
  dky: "dang ki",
  tq: "trung quoc",
  mc: "mong cai",
  ls: "lang son",
  lc: "lao cai",
  qn: "quang ninh",
  ds: "danh sach",
  bn: "bao nhieu",
  cty: "cong ti",
  ko: "khong",
  k: "khong",
  kh: "khong",
  dc: "duoc",
  ntn: "nhu the nao",
  e: "em",
  smth: "something",
  pls: "please",
  plz: "please",
  tmr: "tomorrow",
  u: "you",
  ur: "your",
};
const ABBREVIATION = new RegExp(`(?<= )(${Object.keys(ABBREVIATIONS).join("|")})(?= )`, "g");

/** Chat abbreviations written out, in folded text padded with spaces ("co hc nao k" → "co hoi cho nao khong"). */
export const expandAbbreviations = (padded: string): string => padded.replace(ABBREVIATION, (word) => ABBREVIATIONS[word]!);
