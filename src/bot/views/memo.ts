import type { Catalog } from "../../services/types.js";
import type { ViewContext } from "./fair.js";
import type { View } from "./lists.js";

const MINUTE_MS = 60_000;

interface Memo {
  minute: number;
  views: Map<string, View>;
}

// Per catalog: an import loads a new Catalog object, so views of the old one are never served.
const memos = new WeakMap<Catalog, Memo>();

/**
 * A catalog view (a list or a card) drawn once per language and minute, then sent to everyone who
 * asks for it in that minute: it holds nothing of the user, the catalog changes only with an
 * import, and what it shows of time (days left, open or closed, the Register button) is at minute
 * precision, as deadlines are written. It is drawn as at the start of the minute, so it does not
 * depend on who asked first. The views must not be changed by their callers: they are shared.
 */
export function memoized<A extends unknown[]>(
  name: string,
  keyOf: (...args: A) => string,
  draw: (view: ViewContext, ...args: A) => View,
): (view: ViewContext, ...args: A) => View {
  return (view, ...args) => {
    const minute = Math.floor(view.now.getTime() / MINUTE_MS);
    let memo = memos.get(view.catalog);
    if (memo?.minute !== minute) memos.set(view.catalog, (memo = { minute, views: new Map() }));
    const key = `${name}\u0000${view.locale}\u0000${view.timezone}\u0000${keyOf(...args)}`;
    let drawn = memo.views.get(key);
    if (!drawn) memo.views.set(key, (drawn = draw({ ...view, now: new Date(minute * MINUTE_MS) }, ...args)));
    return drawn;
  };
}
