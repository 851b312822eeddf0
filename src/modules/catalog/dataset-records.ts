import { DateTime } from "luxon";
import type { BorderGate, Contact, Fair } from "../../domain/catalog.js";
import type { ContactRecord, FairRecord, GateRecord } from "./dataset-schema.js";

// A validated record of a data file as the catalog holds it.

export const contactFromRecord = (c: ContactRecord): Contact => ({
  id: c.id,
  name: c.name,
  province: c.province,
  topics: c.topics,
  phone: c.phone ?? null,
  email: c.email ?? null,
  address: c.address ?? null,
});

export const gateFromRecord = (g: GateRecord): BorderGate => ({
  id: g.id,
  name: g.name,
  counterpart: g.counterpart,
  province: g.province,
  type: g.type,
  modes: g.modes,
  hours: g.hours,
  phone: g.phone ?? null,
  email: g.email ?? null,
  contactId: g.contact_id ?? null,
  aliases: g.aliases,
});

export const fairFromRecord = (f: FairRecord): Fair => ({
  id: f.id,
  kind: f.kind,
  name: f.name,
  city: f.city,
  venue: f.venue,
  province: f.province,
  startsOn: f.starts_on,
  endsOn: f.ends_on,
  registrationDeadline: DateTime.fromISO(f.registration_deadline, { setZone: true }).toUTC().toISO()!,
  boothCapacity: f.booth_capacity,
  boothFee: f.booth_fee ?? null,
  organizer: f.organizer,
  theme: f.theme ?? null,
  contactId: f.contact_id ?? null,
  sectors: f.sectors,
  aliases: f.aliases,
});
