/**
 * Remembers results of a pure string function, forgetting everything once `limit` inputs are
 * held: for functions whose inputs recur (a catalog's dates, the words people type).
 */
export function memoize<A extends string[]>(fn: (...args: A) => string, limit = 10_000): (...args: A) => string {
  const cache = new Map<string, string>();
  return (...args: A) => {
    const key = args.join("\u0000");
    let value = cache.get(key);
    if (value === undefined) {
      if (cache.size >= limit) cache.clear();
      value = fn(...args);
      cache.set(key, value);
    }
    return value;
  };
}
