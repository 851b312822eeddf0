import type { ColumnType, Generated, Insertable, Selectable } from "kysely";

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

export type RegistrationStatus = "pending" | "approved" | "rejected" | "cancelled" | "waitlisted" | "offered" | "expired";
export type Country = "VN" | "CN" | "other";

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
  subscriptions: SubscriptionsTable;
  reminder_deliveries: ReminderDeliveriesTable;
}

export type UserRow = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type RegistrationRow = Selectable<RegistrationsTable>;
export type SubscriptionRow = Selectable<SubscriptionsTable>;
