import type { Kysely } from "kysely";
import type { Database, SubscriptionRow, SubscriptionTopic } from "../../platform/db/schema.js";

export interface Topic {
  topic: SubscriptionTopic;
  /** The fair id, sector id or province; '' for all fairs. */
  value: string;
}

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
