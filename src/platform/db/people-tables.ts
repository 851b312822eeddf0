import type { ColumnType, Generated } from "kysely";
import type { Json } from "./columns.js";

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
