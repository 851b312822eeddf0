import { Writable } from "node:stream";
import pino from "pino";
import type { Logger } from "../../src/logger.js";

/** A logger that keeps every line it writes, for tests that check what an operator would read. */
export function recordingLogger(level = "info"): {
  logger: Logger;
  lines: () => Array<Record<string, unknown>>;
  text: () => string;
} {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString().split("\n").filter(Boolean));
      done();
    },
  });
  return {
    logger: pino({ level, base: undefined }, stream),
    lines: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>),
    text: () => lines.join("\n"),
  };
}
