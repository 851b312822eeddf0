import type { Kysely } from "kysely";
import type { Fair } from "../../domain/catalog.js";
import { type Follow, followsOf } from "../../domain/follows.js";
import type { Database, SubscriptionRow } from "../../platform/db/schema.js";

export type Topic = Follow;

/** What a user follows, in the order they chose it. */
export async function listSubscriptions(db: Kysely<Database>, userId: number): Promise<SubscriptionRow[]> {
  return db.selectFrom("subscriptions").selectAll().where("user_id", "=", userId).orderBy("id").execute();
}

/** Follows a topic; following it again changes nothing. */
export async function addSubscription(db: Kysely<Database>, userId: number, { topic, value }: Topic, now: Date): Promise<void> {
  await db
    .insertInto("subscriptions")
    .values({ user_id: userId, topic, value, created_at: now.toISOString() })
    .onConflict((oc) => oc.columns(["user_id", "topic", "value"]).doNothing())
    .execute();
}

/** Stops following a topic; true when the user followed it. */
export async function removeSubscription(db: Kysely<Database>, userId: number, { topic, value }: Topic): Promise<boolean> {
  const result = await db
    .deleteFrom("subscriptions")
    .where("user_id", "=", userId)
    .where("topic", "=", topic)
    .where("value", "=", value)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export async function removeSubscriptionById(db: Kysely<Database>, userId: number, id: number): Promise<boolean> {
  const result = await db.deleteFrom("subscriptions").where("user_id", "=", userId).where("id", "=", id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export async function removeAllSubscriptions(db: Kysely<Database>, userId: number): Promise<number> {
  const result = await db.deleteFrom("subscriptions").where("user_id", "=", userId).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** The ids of users who follow a fair (see followsOf), as a subquery; optionally only subscriptions made before an instant. */
export function followersOf(db: Kysely<Database>, fair: Pick<Fair, "id" | "province" | "sectors">, subscribedBefore?: string) {
  let query = db
    .selectFrom("subscriptions")
    .select("user_id")
    .where((eb) => eb.or(followsOf(fair).map((f) => eb.and([eb("topic", "=", f.topic), eb("value", "=", f.value)]))));
  if (subscribedBefore !== undefined) query = query.where("created_at", "<", subscribedBefore);
  return query;
}
