import { graphemes } from "../../domain/text.js";

// A tag, an entity, a line break, or one run of other text.
const TOKEN = /<[^>]*>|&[#a-zA-Z0-9]+;|\n|[^<&\n]+|[<&]/g;
const OPENING = /^<([a-zA-Z][\w-]*)/;
const CLOSING = /^<\/([a-zA-Z][\w-]*)/;

interface Open {
  name: string;
  tag: string;
}

const reopen = (open: readonly Open[]) => open.map((o) => o.tag).join("");
const closers = (open: readonly Open[]) =>
  open
    .map((o) => `</${o.name}>`)
    .reverse()
    .join("");

/** Tokens no cut may go through: tags, entities, line breaks and single graphemes of text. */
function tokens(html: string): string[] {
  const out: string[] = [];
  for (const token of html.match(TOKEN) ?? []) {
    if (token.length > 1 && !token.startsWith("<") && !token.startsWith("&")) out.push(...graphemes(token));
    else out.push(token);
  }
  return out;
}

/**
 * Splits Telegram HTML into parts of at most `limit` characters, at line breaks where it can and
 * between characters where a line alone is too long — never inside a tag or an entity. A part ends
 * by closing the tags still open and the next opens them again, so Telegram accepts every part.
 */
export function splitHtml(html: string, limit: number): string[] {
  if (html.length <= limit) return [html];
  const all = tokens(html);
  const parts: string[] = [];
  let open: Open[] = [];
  let current = "";
  let hasContent = false;
  // The last line break in `current`: where to cut, and which tags were open there.
  let lastBreak: { at: number; open: Open[]; next: number } | undefined;
  const start = (from: Open[]) => {
    open = [...from];
    current = reopen(open);
    hasContent = false;
    lastBreak = undefined;
  };
  for (let i = 0; i < all.length; i++) {
    const token = all[i]!;
    let after = open;
    const opening = OPENING.exec(token);
    const closing = CLOSING.exec(token);
    if (opening) after = [...open, { name: opening[1]!, tag: token }];
    else if (closing) {
      const index = open.map((o) => o.name).lastIndexOf(closing[1]!);
      if (index >= 0) after = [...open.slice(0, index), ...open.slice(index + 1)];
    }
    if (hasContent && current.length + token.length + closers(after).length > limit) {
      if (lastBreak) {
        parts.push(current.slice(0, lastBreak.at) + closers(lastBreak.open));
        i = lastBreak.next - 1;
        start(lastBreak.open);
      } else {
        parts.push(current + closers(open));
        i -= 1;
        start(open);
      }
      continue;
    }
    if (token === "\n") {
      if (!hasContent) continue; // a part does not start with an empty line
      lastBreak = { at: current.length, open: [...open], next: i + 1 };
    }
    current += token;
    open = after;
    if (!opening && !closing) hasContent = true;
  }
  if (hasContent) parts.push(current + closers(open));
  return parts;
}
