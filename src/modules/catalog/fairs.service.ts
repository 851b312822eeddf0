import type { Catalog, Fair } from "../../domain/catalog.js";

/** Fairs not yet over (those under way included), soonest first. */
export function upcomingFairs(catalog: Catalog, today: string): Fair[] {
  return [...catalog.fairs.values()]
    .filter((fair) => fair.endsOn >= today)
    .sort((a, b) => a.startsOn.localeCompare(b.startsOn) || a.id.localeCompare(b.id));
}

/** Fairs whose registration is still open at `now`, closing soonest first. */
export function openFairs(catalog: Catalog, now: Date): Fair[] {
  const nowIso = now.toISOString();
  return [...catalog.fairs.values()]
    .filter((fair) => fair.registrationDeadline > nowIso)
    .sort((a, b) => a.registrationDeadline.localeCompare(b.registrationDeadline) || a.id.localeCompare(b.id));
}

/** One page of a list, pages counted from 1 and clamped to the list. */
export function paginate<T>(items: T[], page: number, size: number): { items: T[]; page: number; pages: number } {
  const pages = Math.max(1, Math.ceil(items.length / size));
  const current = Math.min(Math.max(1, page), pages);
  return { items: items.slice((current - 1) * size, current * size), page: current, pages };
}
