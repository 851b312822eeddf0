import type { Fair } from "./catalog.js";

export type FollowTopic = "all" | "fair" | "sector" | "province";

/** Something a user follows: a fair, a sector or a province (by id or name), or all fairs (''). */
export interface Follow {
  topic: FollowTopic;
  value: string;
}

/**
 * The one rule of who hears about a fair: those who follow all fairs, the fair itself, its
 * province or one of its sectors. Queries (reminders, a broadcast to a fair's subscribers) and
 * checks in memory (what still covers a fair after an unsubscribe) all read it from here.
 */
export function followsOf(fair: Pick<Fair, "id" | "province" | "sectors">): Follow[] {
  return [
    { topic: "all", value: "" },
    { topic: "fair", value: fair.id },
    { topic: "province", value: fair.province },
    ...fair.sectors.map((sector): Follow => ({ topic: "sector", value: sector })),
  ];
}

export const sameFollow = (a: Follow, b: Follow): boolean => a.topic === b.topic && a.value === b.value;
