/**
 * A part of a button's callback data: an id ([a-z0-9-], as the dataset's ids), a whole number,
 * or one of a few words.
 */
export type Part = "id" | "int" | readonly string[];

type ValueOf<P> = P extends "int" ? number : P extends readonly (infer W)[] ? W : string;
export type Values<P extends readonly Part[]> = { -readonly [I in keyof P]: ValueOf<P[I]> };

/** Telegram refuses callback data over 64 bytes. */
const MAX_BYTES = 64;

const source = (part: Part): string =>
  part === "id" ? "([a-z0-9-]{1,48})" : part === "int" ? "(\\d{1,16})" : `(${part.join("|")})`;

export interface CallbackDefinition<P extends readonly Part[]> {
  /** For `composer.callbackQuery(...)`: matches this button's data and nothing else. */
  readonly pattern: RegExp;
  /** The data of one button. Buttons carry ids, never names, so a renamed fair keeps working buttons. */
  pack(...values: Values<P>): string;
  /** The values of a match of `pattern` (ctx.match). */
  read(match: RegExpMatchArray | string): Values<P>;
}

/**
 * One kind of button, defined once: how its data is written, matched and read back, so the three
 * cannot drift apart. `defineCallback("fair", "id")` makes `fair:<id>`.
 */
export function defineCallback<const P extends readonly Part[]>(prefix: string, ...parts: P): CallbackDefinition<P> {
  const pattern = new RegExp(`^${prefix}${parts.map((part) => `:${source(part)}`).join("")}$`);
  return {
    pattern,
    pack(...values) {
      const data = [prefix, ...values].join(":");
      if (!pattern.test(data) || Buffer.byteLength(data) > MAX_BYTES)
        throw new Error(`callback data "${data}" does not fit ${pattern}`);
      return data;
    },
    read(match) {
      const found = typeof match === "string" ? pattern.exec(match) : match;
      if (!found) throw new Error(`callback data does not match ${pattern}`);
      return parts.map((part, i) => (part === "int" ? Number(found[i + 1]) : found[i + 1])) as Values<P>;
    },
  };
}
