import { DateTime } from "luxon";
import { z } from "zod";

// Ids end up in callback data (64 bytes at most, with a prefix), so they are short slugs.
const id = z.string().regex(/^[a-z0-9][a-z0-9-]{0,47}$/, "must be 1-48 lower-case letters, digits or dashes");

// Every text is shown in lists, cards and captions that Telegram caps (4096 characters a message,
// 1024 a caption): a name of thousands would break them for everyone, so each kind has a limit.
const LIMITS = { name: 200, place: 200, longText: 500, short: 100 } as const;

const text = (max: number) => z.string().trim().min(1, "must not be empty").max(max, `must be at most ${max} characters`);

const i18nText = (max: number) =>
  z.object({ vi: text(max), zh: text(max), en: text(max) }, { message: "must have vi, zh and en texts" });

export const i18nTextSchema = i18nText(LIMITS.name);
const placeSchema = i18nText(LIMITS.place);
const longTextSchema = i18nText(LIMITS.longText);
const shortText = text(LIMITS.short);
const aliases = z.array(shortText).max(50, "must list at most 50").default([]);

// Years a fair can really be in: 0000 or 9999 is a typing slip, and would sort or count absurdly.
const FIRST_YEAR = 2000;
const LAST_YEAR = 2100;
const plausibleYear = (at: DateTime) => at.isValid && at.year >= FIRST_YEAR && at.year <= LAST_YEAR;

const isoDate = z
  .string()
  .refine((value) => /^\d{4}-\d{2}-\d{2}$/.test(value) && DateTime.fromISO(value).isValid, "must be a date YYYY-MM-DD")
  .refine((value) => plausibleYear(DateTime.fromISO(value)), `must be in the years ${FIRST_YEAR}-${LAST_YEAR}`);

const instant = z
  .string()
  .refine(
    (value) => /[T ]\d{2}:\d{2}/.test(value) && /(Z|[+-]\d{2}:?\d{2})$/.test(value) && DateTime.fromISO(value).isValid,
    "must be a date-time with an offset, e.g. 2026-11-30T23:59:00+07:00",
  )
  .refine((value) => plausibleYear(DateTime.fromISO(value)), `must be in the years ${FIRST_YEAR}-${LAST_YEAR}`);

/** More booths (or seats) than any fair has; a bigger number is a slip, and would overflow the sums. */
const MAX_CAPACITY = 100_000;

const phone = z
  .string()
  .trim()
  .regex(/^\+?[\d\s().-]{6,24}$/, "must be a phone number such as +84 205 000 0101");

const email = z.email({ message: "must be an e-mail address" }).max(254, "must be at most 254 characters");

export const contactSchema = z.object({
  id,
  name: i18nTextSchema,
  province: shortText,
  topics: z.array(shortText).max(50, "must list at most 50").default([]),
  phone: phone.nullish(),
  email: email.nullish(),
  address: longTextSchema.nullish(),
});

export const gateSchema = z.object({
  id,
  name: i18nTextSchema,
  counterpart: i18nTextSchema,
  province: shortText,
  type: z.enum(["international", "main"], { message: 'must be "international" or "main"' }),
  modes: z
    .array(z.enum(["road", "rail", "river", "sea", "air"], { message: "must be road, rail, river, sea or air" }))
    .min(1, "must list at least one mode"),
  hours: z
    .string()
    .trim()
    .regex(/^(24\/7|\d{2}:\d{2}-\d{2}:\d{2})$/, 'must be "HH:MM-HH:MM" or "24/7"'),
  phone: phone.nullish(),
  email: email.nullish(),
  contact_id: id.nullish(),
  aliases,
});

export const fairSchema = z
  .object({
    id,
    kind: z.enum(["fair", "exhibition", "seminar", "conference", "forum"], {
      message: "must be fair, exhibition, seminar, conference or forum",
    }),
    name: i18nTextSchema,
    city: placeSchema,
    venue: placeSchema,
    province: shortText,
    starts_on: isoDate,
    ends_on: isoDate,
    registration_deadline: instant,
    booth_capacity: z
      .number({ message: "must be a number" })
      .int("must be a whole number")
      .min(0, "must not be negative")
      .max(MAX_CAPACITY, `must be at most ${MAX_CAPACITY}`),
    booth_fee: longTextSchema.nullish(),
    organizer: i18nTextSchema,
    sectors: z.array(id).default([]),
    theme: longTextSchema.nullish(),
    contact_id: id.nullish(),
    aliases,
  })
  .superRefine((fair, ctx) => {
    if (fair.ends_on < fair.starts_on) {
      ctx.addIssue({ code: "custom", path: ["ends_on"], message: "must not be before starts_on" });
    }
    const deadline = DateTime.fromISO(fair.registration_deadline);
    if (deadline.isValid && deadline.toUTC().toISODate()! > fair.ends_on) {
      ctx.addIssue({ code: "custom", path: ["registration_deadline"], message: "must not be after the fair ends" });
    }
  });

export const datasetSchema = z.object({
  format: z.literal("trade-office-dataset/1", { message: 'must be "trade-office-dataset/1"' }),
  timezone: z.string().optional(),
  /** When /export or npm run export wrote the file: records changed here since are not silently undone. */
  exported_at: instant.optional(),
  sectors: z.record(id, i18nTextSchema).default({}),
  contacts: z.array(contactSchema).default([]),
  border_gates: z.array(gateSchema).default([]),
  fairs: z.array(fairSchema).default([]),
});

export type DatasetInput = z.input<typeof datasetSchema>;
export type Dataset = z.output<typeof datasetSchema>;
export type ContactRecord = z.output<typeof contactSchema>;
export type GateRecord = z.output<typeof gateSchema>;
export type FairRecord = z.output<typeof fairSchema>;
