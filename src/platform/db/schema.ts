import type { Insertable, Selectable } from "kysely";
import type { BorderGatesTable, ContactsTable, FairSectorsTable, FairsTable, MetaTable, SectorsTable } from "./catalog-tables.js";
import type { BroadcastsTable, OutboxTable } from "./outbox-tables.js";
import type { AuditLogTable, StaffMenusTable, UsersTable } from "./people-tables.js";
import type { ConversationsTable, ReferenceSequencesTable, RegistrationsTable } from "./registration-tables.js";
import type { ReminderDeliveriesTable, SubscriptionsTable } from "./reminder-tables.js";
import type { TelegramUpdatesTable } from "./telegram-tables.js";

// The tables, one file per domain; everything else imports them from here.
export type { BorderGatesTable, ContactsTable, FairSectorsTable, FairsTable, MetaTable, SectorsTable } from "./catalog-tables.js";
export type { BroadcastStatus, BroadcastsTable, OutboxState, OutboxTable } from "./outbox-tables.js";
export type { AuditLogTable, Role, StaffMenusTable, UsersTable } from "./people-tables.js";
export type { ConversationsTable, ReferenceSequencesTable, RegistrationsTable } from "./registration-tables.js";
export type { ReminderDeliveriesTable, ReminderKind, SubscriptionsTable, SubscriptionTopic } from "./reminder-tables.js";
export type { TelegramUpdatesTable } from "./telegram-tables.js";

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
  telegram_updates: TelegramUpdatesTable;
}

export type UserRow = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type RegistrationRow = Selectable<RegistrationsTable>;
export type BroadcastRow = Selectable<BroadcastsTable>;
export type OutboxRow = Selectable<OutboxTable>;
export type AuditRow = Selectable<AuditLogTable>;
export type SubscriptionRow = Selectable<SubscriptionsTable>;
