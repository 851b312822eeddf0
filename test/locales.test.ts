import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { LOCALES } from "../src/domain/locale.js";
import { createI18n } from "../src/platform/telegram/i18n.js";

const i18n = createI18n("vi");
const root = path.resolve(import.meta.dirname, "..");

function sourceFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) =>
      e.isDirectory() ? sourceFiles(path.join(dir, e.name)) : e.name.endsWith(".ts") ? [path.join(dir, e.name)] : [],
    );
}

describe("locales", () => {
  it("vi, zh and en define exactly the same keys", () => {
    const vi = i18n.keys("vi").sort();
    for (const locale of LOCALES) expect(i18n.keys(locale).sort()).toEqual(vi);
  });

  it("every key the code asks for literally exists", () => {
    const keys = new Set(i18n.keys("vi"));
    const used = sourceFiles(path.join(root, "src")).flatMap((file) =>
      [...fs.readFileSync(file, "utf8").matchAll(/\bt\(\s*"([a-z_]+\.[a-z0-9_.-]+)"/g)].map((m) => m[1]!),
    );
    expect(used.length).toBeGreaterThan(30);
    expect(used.filter((key) => !keys.has(key))).toEqual([]);
  });

  it("uses {name} placeholders, the same ones in every language", () => {
    for (const key of i18n.keys("vi")) {
      const placeholders = (locale: (typeof LOCALES)[number]) =>
        [...i18n.t(locale, key).matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      for (const locale of LOCALES) {
        expect(i18n.t(locale, key), `${locale}.${key}`).not.toContain("${");
        expect(placeholders(locale), `${locale}.${key}`).toEqual(placeholders("vi"));
      }
    }
  });

  it("escapes values put into a translation, but not Html fragments", () => {
    expect(i18n.t("en", "start.greeting", { name: "<b>Bob & co</b>" })).toContain("Hello &lt;b&gt;Bob &amp; co&lt;/b&gt;!");
  });
});
