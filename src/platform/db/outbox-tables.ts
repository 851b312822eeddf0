import type { Generated } from "kysely";
import type { Json, Timestamp } from "./columns.js";

export type BroadcastStatus = "scheduled" | "sending" | "done" | "cancelled";

export interface BroadcastsTable {
  id: Generated<number>;
  created_by: number;
  status: BroadcastStatus;
  /** JSON: the message per version ("default", "vi", "zh", "en"). */
  content: Json;
  /** JSON: the audience as chosen, for the report. */
  audience: Json;
  recipients: number;
  send_at: string;
  status_chat_id: number | null;
  status_message_id: number | null;
  started_at: string | null;
  finished_at: string | null;
  cancelled_by: number | null;
  /** When the final report went out; null while the author still gets progress. */
  reported_at: string | null;
  /** JSON: rows per outbox state when the final report went out; the outbox rows may be purged since. */
  final_counts: Json | null;
  created_at: Timestamp;
}

export type OutboxState = "queued" | "sending" | "sent" | "failed" | "blocked" | "cancelled";

export interface OutboxTable {
  id: Generated<number>;
  /** How the sender reads `payload`: "message" (the message itself) or "broadcast" (a version of one). */
  kind: string;
  dedupe_key: string;
  chat_id: number;
  payload: Json;
  state: Generated<OutboxState>;
  not_before: string;
  /** Failed attempts that may be retried (network, 5xx); a 429 is not counted. */
  attempts: Generated<number>;
  last_error: string | null;
  broadcast_id: number | null;
  sent_at: string | null;
  /** The Telegram message a sent row became: what a later edit of it changes. */
  message_id: number | null;
  /** The sender (host:pid:random) that claimed the row while it is in flight. */
  claimed_by: string | null;
  /** Real time (ISO) until which that claim holds; later, another sender may put the row back. */
  lease_until: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}
