import { describe, expect, it } from "vitest";
import { parseTelegramHtml } from "../../src/sandbox/telegram-html.js";

describe("Telegram HTML parse mode", () => {
  it("turns the supported tags into entities with UTF-16 offsets", () => {
    const { text, entities } = parseTelegramHtml(
      '🇻🇳 <b>Hội chợ</b> <i>x</i><u>u</u><s>s</s> <a href="https://e.com/?a=1&amp;b=2">link</a> <tg-spoiler>!</tg-spoiler>',
    );
    expect(text).toBe("🇻🇳 Hội chợ xus link !");
    expect(entities).toEqual([
      { type: "bold", offset: 5, length: 7 },
      { type: "italic", offset: 13, length: 1 },
      { type: "underline", offset: 14, length: 1 },
      { type: "strikethrough", offset: 15, length: 1 },
      { type: "text_link", offset: 17, length: 4, url: "https://e.com/?a=1&b=2" },
      { type: "spoiler", offset: 22, length: 1 },
    ]);
  });

  it("decodes the four named references and numeric ones, and leaves other ampersands alone", () => {
    expect(parseTelegramHtml("a &lt;b&gt; &amp; &quot;c&quot; &#36; &#x4E2D; AT&T &nbsp;").text).toBe(
      'a <b> & "c" $ 中 AT&T &nbsp;',
    );
  });

  it("nests entities and gives pre its language from an inner code class", () => {
    const { text, entities } = parseTelegramHtml(
      '<b>bold <i>both</i></b>\n<pre><code class="language-ts">let x</code></pre><code>y</code><blockquote expandable>q</blockquote>',
    );
    expect(text).toBe("bold both\nlet xyq");
    expect(entities).toEqual([
      { type: "bold", offset: 0, length: 9 },
      { type: "italic", offset: 5, length: 4 },
      { type: "pre", offset: 10, length: 5, language: "ts" },
      { type: "code", offset: 15, length: 1 },
      { type: "expandable_blockquote", offset: 16, length: 1 },
    ]);
  });

  it("refuses what Telegram refuses, with its error text", () => {
    const error = (html: string) => {
      try {
        parseTelegramHtml(html);
        return "";
      } catch (e) {
        return (e as Error).message;
      }
    };
    expect(error("a<br>b")).toBe('Bad Request: can\'t parse entities: Unsupported start tag "br" at byte offset 1');
    expect(error("I <3 fairs")).toMatch(/Unsupported start tag "3" at byte offset 2/);
    expect(error("Hà <b>x</i>")).toBe(
      'Bad Request: can\'t parse entities: Unmatched end tag at byte offset 8, expected "</b>", found "</i>"',
    );
    expect(error("<b>open")).toMatch(/Can't find end tag corresponding to start tag b/);
    expect(error("x</b>")).toMatch(/Unexpected end tag at byte offset 1/);
    expect(error("<span>x</span>")).toMatch(/Tag "span" must have class "tg-spoiler"/);
    expect(error("a <b")).toMatch(/Unclosed start tag at byte offset 2/);
  });
});
