import type { Generated } from "kysely";
import type { Country, RegistrationStatus, RejectCode } from "../../domain/registration.js";
import type { Json, Timestamp } from "./columns.js";

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
  /** The bot's own copy of the licence, relative to DATA_DIR (files/licences/<sha-256>.<ext>); null before it kept one. */
  licence_path: string | null;
  status: RegistrationStatus;
  /** When the registration joined the waitlist: its order there. */
  waitlisted_at: string | null;
  /** Until when an offer of freed booths stands. */
  offer_expires_at: string | null;
  /** Booths offered from the waitlist (at most what was asked for). */
  offered_booths: number | null;
  /** The preset reason of a rejection, translated for each reader; null before presets existed. */
  reject_code: RejectCode | null;
  /** The office's own words on a rejection, sent as written. */
  reject_reason: string | null;
  decided_by: number | null;
  decided_at: string | null;
  /** The registration of another account with the same tax code at the same fair, when there was one. */
  duplicate_of: number | null;
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
