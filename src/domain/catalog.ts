import type { Locale } from "./locale.js";

/** A text in every language the bot speaks. */
export type I18nText = Record<Locale, string>;

export interface Sector {
  id: string;
  name: I18nText;
}

export interface Contact {
  id: string;
  name: I18nText;
  province: string;
  topics: string[];
  phone: string | null;
  email: string | null;
  address: I18nText | null;
}

export type GateType = "international" | "main";

export interface BorderGate {
  id: string;
  name: I18nText;
  counterpart: I18nText;
  province: string;
  type: GateType;
  modes: string[];
  hours: string;
  phone: string | null;
  email: string | null;
  contactId: string | null;
  aliases: string[];
}

/** What an event sells: booths at a fair or exhibition, seats at a seminar, conference or forum. */
export type PlaceUnit = "booths" | "seats";

const SEATED_KINDS: readonly string[] = ["seminar", "conference", "forum"];

/** The unit an event's capacity counts: booths, or seats for the events people attend rather than exhibit at. */
export const placeUnit = (kind: string): PlaceUnit => (SEATED_KINDS.includes(kind) ? "seats" : "booths");

/** A translation key, or its `_seats` variant for a seated event (the wording of booths does not fit seats). */
export const unitKey = (key: string, unit: PlaceUnit) => (unit === "seats" ? `${key}_seats` : key);

export interface Fair {
  id: string;
  kind: string;
  name: I18nText;
  city: I18nText;
  venue: I18nText;
  province: string;
  /** Calendar dates at the venue, YYYY-MM-DD. */
  startsOn: string;
  endsOn: string;
  /** The instant registration closes, ISO-8601 UTC. */
  registrationDeadline: string;
  boothCapacity: number;
  boothFee: I18nText | null;
  organizer: I18nText;
  theme: I18nText | null;
  contactId: string | null;
  sectors: string[];
  aliases: string[];
  /** Raised by each import that changed the fair, from 0; unset for a fair not yet stored. */
  revision?: number;
  /** When the fair last changed (ISO-8601 UTC); unset for a fair not yet stored. */
  revisedAt?: string;
}

/** Everything the Q&A answers from: read from the database, cached until the catalog changes. */
export interface Catalog {
  version: string;
  sectors: Map<string, Sector>;
  contacts: Map<string, Contact>;
  gates: Map<string, BorderGate>;
  fairs: Map<string, Fair>;
}

/** The catalog as the bot reads it: from memory, reloaded when an import changed it. */
export interface CatalogSource {
  get(): Promise<Catalog>;
}
