import type { Catalog, Fair } from "../../domain/catalog.js";
import type { ListFilter } from "./question-filters.js";

/** Whether a fair is in a list narrowed by province, kind, sector or month (on during any day of it). */
export function fairMatches(fair: Fair, filter: ListFilter | undefined): boolean {
  if (!filter) return true;
  if (filter.province && fair.province !== filter.province) return false;
  if (filter.kind && fair.kind !== filter.kind) return false;
  if (filter.sector && !fair.sectors.includes(filter.sector)) return false;
  if (filter.month && (fair.startsOn.slice(0, 7) > filter.month || fair.endsOn.slice(0, 7) < filter.month)) return false;
  return true;
}

/** Fairs not yet over (those under way included), soonest first. */
export function upcomingFairs(catalog: Catalog, today: string): Fair[] {
  return [...catalog.fairs.values()]
    .filter((fair) => fair.endsOn >= today)
    .sort((a, b) => a.startsOn.localeCompare(b.startsOn) || a.id.localeCompare(b.id));
}

/** Whether a fair still takes sign-ups at `now`: until the instant of its deadline, that instant excluded. */
export const isOpenForRegistration = (fair: Fair, now: Date): boolean => Date.parse(fair.registrationDeadline) > now.getTime();

/** Fairs whose registration is still open at `now`, closing soonest first. */
export function openFairs(catalog: Catalog, now: Date): Fair[] {
  return [...catalog.fairs.values()]
    .filter((fair) => isOpenForRegistration(fair, now))
    .sort((a, b) => a.registrationDeadline.localeCompare(b.registrationDeadline) || a.id.localeCompare(b.id));
}

/** One page of a list, pages counted from 1 and clamped to the list. */
export function paginate<T>(items: T[], page: number, size: number): { items: T[]; page: number; pages: number } {
  const pages = Math.max(1, Math.ceil(items.length / size));
  const current = Math.min(Math.max(1, page), pages);
  return { items: items.slice((current - 1) * size, current * size), page: current, pages };
}
