// Copies what the compiled bot reads beside its code: the locale files, the demo dataset and the
// sandbox's chat page. dist/ mirrors the repository, so the same relative paths work from dist/src.
import fs from "node:fs";

const copies = [
  ["locales", "dist/locales"],
  ["src/data", "dist/src/data"],
  ["src/sandbox/chat-page.html", "dist/src/sandbox/chat-page.html"],
];
for (const [from, to] of copies) fs.cpSync(from, to, { recursive: true });
console.log(`dist/: ${copies.map(([, to]) => to).join(", ")} copied`);
