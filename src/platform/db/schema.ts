import type { ColumnType, Generated, Insertable, Selectable } from "kysely";
import type { Country, RegistrationStatus } from "../../domain/registration.js";

/** A JSON object of the form {"vi": "...", "zh": "...", "en": "..."} stored as TEXT. */
type Json = string;
type Timestamp = ColumnType<string, string | undefined, string>;

export interface MetaTable {
  key: string;
  value: string;
}

export interface SectorsTable {
  id: string;
  name: Json;
  updated_at: Timestamp;
}

export interface ContactsTable {
  id: string;
  name: Json;
  province: string;
  topics: Json;
  phone: string | null;
  email: string | null;
  address: Json | null;
  updated_at: Timestamp;
}

export interface BorderGatesTable {
  id: string;
  name: Json;
  counterpart: Json;
  province: string;
  type: "international" | "main";
  modes: Json;
  hours: string;
  phone: string | null;
  email: string | null;
  contact_id: string | null;
  aliases: Json;
  updated_at: Timestamp;
}

export interface FairsTable {
  id: string;
  kind: string;
  name: Json;
  city: Json;
  venue: Json;
  province: string;
  starts_on: string;
  ends_on: string;
  registration_deadline: string;
  booth_capacity: number;
  booth_fee: Json | null;
  organizer: Json;
  theme: Json | null;
  contact_id: string | null;
  aliases: Json;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface FairSectorsTable {
  fair_id: string;
  sector_id: string;
}

export type Role = "business" | "staff" | "admin";

export interface UsersTable {
  id: number;
  first_name: string | null;
  username: string | null;
  language_code: string | null;
  language: string | null;
  role: Generated<Role>;
  active: Generated<number>;
  first_seen: string;
  last_seen: string;
  /** The zone of the user's quiet hours; null means the default for their language. */
  timezone: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface RegistrationsTable {
  id: Generated<number>;
  reference: string;
  fair_id: string;
  user_id: number;
  company: string;
  country: Country;
  tax_id: string;
  /** JSON array of sector ids. */
  sectors: Json;
  booths: number;
  contact_person: string;
  /** E.164. */
  phone: string;
  email: string;
  licence_file_id: string | null;
  licence_kind: "photo" | "document" | null;
  status: RegistrationStatus;
  /** When the registration joined the waitlist: its order there. */
  waitlisted_at: string | null;
  /** Until when an offer of freed booths stands. */
  offer_expires_at: string | null;
  /** Booths offered from the waitlist (at most what was asked for). */
  offered_booths: number | null;
  reject_reason: string | null;
  decided_by: number | null;
  decided_at: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ReferenceSequencesTable {
  prefix: string;
  last: number;
}

export interface ConversationsTable {
  key: string;
  value: string;
  updated_at: Timestamp;
}

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
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  actor_id: number;
  action: string;
  target: string | null;
  recipients: number | null;
  details: Json | null;
}

export interface StaffMenusTable {
  chat_id: number;
  role: Role;
  set_at: string;
}

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

export interface Database {
  meta: MetaTable;
  sectors: SectorsTable;
  contacts: ContactsTable;
  border_gates: BorderGatesTable;
  fairs: FairsTable;
  fair_sectors: FairSectorsTable;
  users: UsersTable;
  registrations: RegistrationsTable;
  reference_sequences: ReferenceSequencesTable;
  conversations: ConversationsTable;
  broadcasts: BroadcastsTable;
  outbox: OutboxTable;
  audit_log: AuditLogTable;
  staff_menus: StaffMenusTable;
  subscriptions: SubscriptionsTable;
  reminder_deliveries: ReminderDeliveriesTable;
}

export type UserRow = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type RegistrationRow = Selectable<RegistrationsTable>;
export type BroadcastRow = Selectable<BroadcastsTable>;
export type OutboxRow = Selectable<OutboxTable>;
export type AuditRow = Selectable<AuditLogTable>;
export type SubscriptionRow = Selectable<SubscriptionsTable>;
