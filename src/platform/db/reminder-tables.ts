import type { Generated } from "kysely";

export type SubscriptionTopic = "all" | "fair" | "sector" | "province";

export interface SubscriptionsTable {
  id: Generated<number>;
  user_id: number;
  topic: SubscriptionTopic;
  /** The fair id, sector id or province; '' for all. */
  value: string;
  created_at: string;
}

export type ReminderKind = "deadline_7d" | "deadline_1d" | "starts_3d" | "starts_1d" | "new_fair";

export interface ReminderDeliveriesTable {
  user_id: number;
  fair_id: string;
  kind: ReminderKind;
  not_before: string;
  created_at: string;
}
