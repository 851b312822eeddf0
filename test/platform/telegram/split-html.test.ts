import { describe, expect, it } from "vitest";
import { splitMessage } from "../../../src/platform/telegram/send.js";

/** Whether every tag opened in a part is closed in it, in order. */
function balanced(part: string): boolean {
  const open: string[] = [];
  for (const [, slash, name] of part.matchAll(/<(\/?)([a-zA-Z][\w-]*)[^>]*>/g)) {
    if (!slash) open.push(name!);
    else if (open.pop() !== name) return false;
  }
  return open.length === 0;
}

const cutTagOrEntity = (part: string) => /<[^>]*$|&[#a-zA-Z0-9]*$/.test(part) || /^[^<]*>/.test(part);

describe("splitMessage", () => {
  it("leaves a message that fits alone", () => {
    expect(splitMessage("<b>Hội chợ</b>\nLào Cai")).toEqual(["<b>Hội chợ</b>\nLào Cai"]);
  });

  it("cuts a line too long for one message between characters, never inside a tag or an entity, closing and reopening its bold", () => {
    const name = "Hội chợ &amp; Triển lãm 🇻🇳 ".repeat(600);
    const parts = splitMessage(`📅 <b>${name}</b>\n<a href="https://example.org/a?b=1&amp;c=2">more</a>`);
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) {
      expect(part.length).toBeLessThanOrEqual(4096);
      expect(balanced(part), part.slice(0, 80)).toBe(true);
      expect(cutTagOrEntity(part)).toBe(false);
      expect(part).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
    }
    expect(parts.join("").replaceAll("</b><b>", "")).toContain("Triển lãm 🇻🇳");
  });

  it("closes a <code> block at the end of a part and opens it again in the next", () => {
    const lines = Array.from({ length: 400 }, (_, i) => `problem ${i}: name.en must be at most 200 characters`);
    const parts = splitMessage(`Problems:\n<code>${lines.join("\n")}</code>`);
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) expect(balanced(part)).toBe(true);
    expect(parts[1]!.startsWith("<code>problem")).toBe(true);
  });
});
