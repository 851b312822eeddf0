import type { Generated } from "kysely";
import type { Json, Timestamp } from "./columns.js";

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
  /** Raised by an import that changed the fair (its calendar SEQUENCE). */
  revision: Generated<number>;
  revised_at: string | null;
}

export interface FairSectorsTable {
  fair_id: string;
  sector_id: string;
}
