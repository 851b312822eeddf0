import type { MessageEntity } from "grammy/types";
import { ApiError } from "./bot-api-request.js";

type Open = { tag: string; type: MessageEntity["type"]; offset: number; url?: string; language?: string; emojiId?: string };

const TAG_TYPES: Record<string, MessageEntity["type"]> = {
  b: "bold",
  strong: "bold",
  i: "italic",
  em: "italic",
  u: "underline",
  ins: "underline",
  s: "strikethrough",
  strike: "strikethrough",
  del: "strikethrough",
  "tg-spoiler": "spoiler",
  span: "spoiler",
  a: "text_link",
  code: "code",
  pre: "pre",
  blockquote: "blockquote",
  "tg-emoji": "custom_emoji",
};
const NAMED: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"' };

const fail = (reason: string): never => {
  throw new ApiError(400, `Bad Request: can't parse entities: ${reason}`);
};

/** `&lt;` `&gt;` `&amp;` `&quot;` and numeric references; anything else stays as written, like Telegram. */
function decodeEntity(html: string, at: number): { text: string; end: number } {
  const m = /^&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]+);/i.exec(html.slice(at, at + 12));
  if (!m) return { text: "&", end: at + 1 };
  const name = m[1]!;
  const code =
    name.startsWith("#x") || name.startsWith("#X")
      ? parseInt(name.slice(2), 16)
      : name.startsWith("#")
        ? Number(name.slice(1))
        : undefined;
  if (code !== undefined)
    return code > 0 && code <= 0x10ffff
      ? { text: String.fromCodePoint(code), end: at + m[0].length }
      : { text: "&", end: at + 1 };
  const named = NAMED[name.toLowerCase()];
  return named ? { text: named, end: at + m[0].length } : { text: "&", end: at + 1 };
}

/** Reads `name="value"` pairs up to the tag's closing `>`; returns them and the index after it. */
function readAttributes(
  html: string,
  from: number,
  tagStart: number,
  byteAt: (i: number) => number,
): { attributes: Record<string, string>; end: number } {
  const attributes: Record<string, string> = {};
  const unclosed = () => fail(`Unclosed start tag at byte offset ${byteAt(tagStart)}`);
  let i = from;
  const skipSpace = () => {
    while (i < html.length && /\s/.test(html[i]!)) i++;
  };
  for (;;) {
    skipSpace();
    if (i >= html.length) unclosed();
    if (html[i] === ">") return { attributes, end: i + 1 };
    const name = /^[^\s=>]+/.exec(html.slice(i))![0].toLowerCase();
    i += name.length;
    skipSpace();
    let raw = "";
    if (html[i] === "=") {
      i++;
      skipSpace();
      const quote = html[i];
      if (quote === '"' || quote === "'") {
        const close = html.indexOf(quote, i + 1);
        if (close === -1) unclosed();
        raw = html.slice(i + 1, close);
        i = close + 1;
      } else {
        raw = /^[^\s>]*/.exec(html.slice(i))![0];
        i += raw.length;
      }
    }
    let value = "";
    for (let k = 0; k < raw.length; ) {
      if (raw[k] === "&") {
        const d = decodeEntity(raw, k);
        value += d.text;
        k = d.end;
      } else value += raw[k++];
    }
    attributes[name] = value;
  }
}

/**
 * Parses text sent with `parse_mode: "HTML"` the way Telegram does: the tags it supports become
 * entities (UTF-16 offsets), anything else is refused with Telegram's "can't parse entities" error.
 */
export function parseTelegramHtml(html: string): { text: string; entities: MessageEntity[] } {
  let text = "";
  const entities: MessageEntity[] = [];
  const stack: Open[] = [];
  const byteAt = (i: number) => Buffer.byteLength(html.slice(0, i));
  for (let i = 0; i < html.length; ) {
    const ch = html[i]!;
    if (ch === "&") {
      const d = decodeEntity(html, i);
      text += d.text;
      i = d.end;
      continue;
    }
    if (ch !== "<") {
      text += ch;
      i++;
      continue;
    }
    if (html[i + 1] === "/") {
      const end = html.indexOf(">", i);
      if (end === -1) fail(`Unclosed end tag at byte offset ${byteAt(i)}`);
      const name = html
        .slice(i + 2, end)
        .trim()
        .toLowerCase();
      const open = stack.pop();
      if (!open) fail(`Unexpected end tag at byte offset ${byteAt(i)}`);
      if (name !== "" && name !== open!.tag)
        fail(`Unmatched end tag at byte offset ${byteAt(i)}, expected "</${open!.tag}>", found "</${name}>"`);
      close(open!, text.length, stack, entities);
      i = end + 1;
      continue;
    }
    const tag = /^[^\s>]*/.exec(html.slice(i + 1))![0].toLowerCase();
    if (i + 1 + tag.length >= html.length) fail(`Unclosed start tag at byte offset ${byteAt(i)}`);
    const type = TAG_TYPES[tag];
    if (!type) fail(`Unsupported start tag "${tag}" at byte offset ${byteAt(i)}`);
    const { attributes, end } = readAttributes(html, i + 1 + tag.length, i, byteAt);
    if (tag === "span" && attributes.class !== "tg-spoiler")
      fail(`Tag "span" must have class "tg-spoiler" at byte offset ${byteAt(i)}`);
    const open: Open = { tag, type: type!, offset: text.length };
    if (tag === "a") open.url = attributes.href ?? "";
    if (tag === "tg-emoji") open.emojiId = attributes["emoji-id"] ?? "";
    if (tag === "blockquote" && "expandable" in attributes) open.type = "expandable_blockquote";
    if (tag === "code" && attributes.class?.startsWith("language-")) open.language = attributes.class.slice(9);
    stack.push(open);
    i = end;
  }
  if (stack.length > 0) fail(`Can't find end tag corresponding to start tag ${stack.at(-1)!.tag}`);
  entities.sort((a, b) => a.offset - b.offset || b.length - a.length);
  return { text, entities };
}

function close(open: Open, at: number, stack: Open[], entities: MessageEntity[]) {
  const length = at - open.offset;
  const parent = stack.at(-1);
  // <pre><code class="language-x"> is one pre entity with a language, as in Telegram.
  if (open.type === "code" && parent?.type === "pre") {
    if (open.language) parent.language = open.language;
    return;
  }
  if (length <= 0) return;
  if (open.type === "text_link" && !open.url) return;
  const entity = { type: open.type, offset: open.offset, length } as MessageEntity;
  if (open.type === "text_link") Object.assign(entity, { url: open.url });
  if (open.type === "pre" && open.language) Object.assign(entity, { language: open.language });
  if (open.type === "custom_emoji") Object.assign(entity, { custom_emoji_id: open.emojiId });
  entities.push(entity);
}
