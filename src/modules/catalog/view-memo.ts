import type { ViewContext } from "../../bot/view-context.js";
import type { Catalog } from "../../domain/catalog.js";
import type { View } from "../../platform/telegram/send.js";

const MINUTE_MS = 60_000;

interface Memo {
  minute: number;
  views: Map<string, View>;
}

// Per catalog: an import loads a new Catalog object, so views of the old one are never served.
const memos = new WeakMap<Catalog, Memo>();

/**
 * A catalog view (a list or a card) drawn once per language and minute, then sent to everyone who
 * asks for it in that minute: it holds nothing of the user, and the catalog changes only with an
 * import. What changes between imports (the places left at a fair) comes in as an argument, so
 * `keyOf` must tell its values apart. What it shows of time (days left, open or closed, the
 * Register button) changes at whole minutes, as deadlines are written to the minute (a deadline
 * at a second within a minute would show open for the rest of that minute; the sign-up itself
 * checks the exact instant). Callers must not change a view: it is shared.
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
    if (!drawn) memo.views.set(key, (drawn = draw(view, ...args)));
    return drawn;
  };
}
