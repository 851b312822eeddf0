/**
 * Runs the labelled questions of test/fixtures/qa-corpus through the bot's real understanding
 * (the demo dataset, today = 23 Nov 2026) and prints accuracy per language and per intent, the
 * misses and what each was taken for. The held-out part is reported in figures only: its questions
 * are not to be read while tuning (`--show-held-out` prints its misses, for after).
 */
import { createCatalogCache, searchIndexOf } from "../src/modules/catalog/catalog.service.js";
import { understand } from "../src/modules/catalog/qa.service.js";
import { demoDatabase } from "../test/helpers/app.js";
import { type CorpusItem, evaluate, loadCorpus, type Part, type Report } from "../test/helpers/qa-corpus.js";

const TODAY = "2026-11-23";
const pct = (right: number, total: number) => `${((100 * right) / Math.max(1, total)).toFixed(1)} %`;

function table(title: string, rows: Record<string, { total: number; right: number }>): string {
  const lines = [`| ${title} | right | total | accuracy |`, "| --- | ---: | ---: | ---: |"];
  for (const [key, { right, total }] of Object.entries(rows).sort())
    lines.push(`| ${key} | ${right} | ${total} | ${pct(right, total)} |`);
  return lines.join("\n");
}

function print(part: Part, report: Report, showMisses: boolean): void {
  console.log(`\n## ${part}: ${report.right}/${report.total} right (${pct(report.right, report.total)})`);
  console.log(`confident wrong answers to out-of-scope questions: ${report.confidentWrongOutOfScope}`);
  const verdicts: Record<string, number> = {};
  for (const { verdict } of report.misses) verdicts[verdict] = (verdicts[verdict] ?? 0) + 1;
  console.log(
    `misses: ${JSON.stringify(verdicts)}  (hedged: offered choices incl. the right one; unknown: said it does not know)`,
  );
  console.log(`\n${table("language", report.byLang)}\n\n${table("intent", report.byIntent)}`);
  if (!showMisses) return;
  console.log("\nmisses (asked → expected / answered):");
  for (const { item, got, verdict } of report.misses)
    console.log(`- [${item.id}] ${verdict} «${item.text}» → ${expected(item)} / ${got}`);
  const confusion = new Map<string, number>();
  for (const { item, got } of report.misses) {
    const key = `${item.intent} → ${got.replace(/[:([].*$/, "")}`;
    confusion.set(key, (confusion.get(key) ?? 0) + 1);
  }
  console.log("\nconfusion (expected intent → answered as):");
  for (const [key, n] of [...confusion].sort((a, b) => b[1] - a[1])) console.log(`- ${key}: ${n}`);
}

const expected = (item: CorpusItem) =>
  [item.intent, item.entity, item.filter ? JSON.stringify(item.filter) : ""].filter(Boolean).join(" ");

const { db } = await demoDatabase();
const index = searchIndexOf(await createCatalogCache(db).get());
const showHeldOut = process.argv.includes("--show-held-out");
for (const part of ["tuning", "held-out"] as const) {
  const report = evaluate(loadCorpus(part), (item) => understand(item.text, index, TODAY));
  print(part, report, part === "tuning" || showHeldOut);
}
await db.destroy();
