import type { Kysely } from "kysely";
import type { Catalog, Fair } from "../../domain/catalog.js";
import { followsOf, sameFollow } from "../../domain/follows.js";
import { provinceSlug } from "../../domain/province.js";
import type { Database, SubscriptionRow } from "../../platform/db/schema.js";
import { addSubscription, removeSubscription, type Topic } from "./subscriptions.repository.js";

/** Provinces that have fairs, by name, each with its slug. */
export function provincesOf(catalog: Catalog): Array<{ slug: string; name: string }> {
  const names = [...new Set([...catalog.fairs.values()].map((fair) => fair.province))].sort((a, b) => a.localeCompare(b, "vi"));
  return names.map((name) => ({ slug: provinceSlug(name), name }));
}

export const isFollowing = (subscriptions: SubscriptionRow[], { topic, value }: Topic): boolean =>
  subscriptions.some((s) => s.topic === topic && s.value === value);

/** Follows a topic (a fair, a sector, a province, or "all"); following it again changes nothing. */
export async function follow(db: Kysely<Database>, userId: number, topic: Topic, now: Date): Promise<void> {
  await addSubscription(db, userId, topic, now);
}

/** Follows the topic if the user does not, stops following it if they do. Returns whether they follow it now. */
export async function toggleSubscription(db: Kysely<Database>, userId: number, topic: Topic, now: Date): Promise<boolean> {
  if (await removeSubscription(db, userId, topic)) return false;
  await addSubscription(db, userId, topic, now);
  return true;
}

/** The subscriptions through which a user still hears about a fair (all fairs, a sector or its province). */
export function subscriptionsCovering(
  subscriptions: SubscriptionRow[],
  fair: Pick<Fair, "id" | "sectors" | "province">,
): SubscriptionRow[] {
  const follows = followsOf(fair);
  return subscriptions.filter((s) => follows.some((f) => sameFollow(f, s)));
}

export { followersOf } from "./subscriptions.repository.js";
