import { fold } from "../../domain/text.js";

// A clause in which the asker says who they are: "bên em là doanh nghiệp sản xuất bánh kẹo ở Hưng
// Yên", "我们是广西做建材的", "we are exporter of cassava from tay ninh". Folded, at the start of a clause.
const SELF_CLAUSE = [
  /^(va |thi |da )?(ben|cong ti|cti|doanh nghiep|dn|shop|xuong|nha may|chung toi|chung em|bon em|em|minh|toi)( (em|minh|toi|chung toi|tui|bon em|chung em|ben em|ben minh))? (la|o|tai|dang o|chuyen|lam|san xuat|kinh doanh|co tru so|dat tai|hoat dong)\b/,
  /^(我们公司|我们这边|我们|我司|本公司|我)(是|在(?!哪)|来自|位于|做)/,
  /^(we|i|my company|our company)( are| am| re| m)?( an?| the)? ?(exporter|importer|company|business|based|located|from|in|manufacturer|producer|trader|make|produce|sell|export|import)\b/,
];

// A clause that asks something is kept whoever it speaks of.
const ASKS =
  /\?|？| (gi|nao|khong|ko|k|chua|bao nhieu|o dau|khi nao|sao) | (what|which|when|where|how|any|is there|are there) |吗|哪|什么|几|多少|怎么|有没有/;

// "…, trong tỉnh mình có hội chợ gì": the question points back to where the asker is.
const POINTS_BACK =
  / (trong tinh|tinh minh|tinh em|o day|gan day|our province|near us|around here) |本地|本省|当地|我们这边|附近/;

/**
 * The question folded, without the clauses that only say who asks ("we are a Guangxi company,
 * which fairs…"): the province, town or trade of the asker narrows nothing. Nothing is taken out
 * when every clause is of that kind, or when the question points back to it ("trong tỉnh mình").
 */
export function foldWithoutSelfDescription(question: string): string {
  const clauses = question.split(/[,.;!\n，。；！、]+/);
  const folded = clauses.map((clause) => ` ${fold(clause)} `);
  const whole = folded.join(" ").replace(/ +/g, " ").trim();
  if (clauses.length < 2 || POINTS_BACK.test(` ${whole} `)) return whole;
  const kept = folded.filter(
    (clause, i) => ASKS.test(clause) || ASKS.test(clauses[i]!) || !SELF_CLAUSE.some((pattern) => pattern.test(clause.trim())),
  );
  return kept.length > 0 && kept.length < clauses.length ? kept.join(" ").replace(/ +/g, " ").trim() : whole;
}
