import { type CountryCode, parsePhoneNumberFromString } from "libphonenumber-js/max";
import { z } from "zod";
import type { Country } from "../../domain/registration.js";

/** Every reason a sign-up answer can be refused; the bot maps each to a translated message. */
export const VALIDATION_ERROR_CODES = [
  "tax_id_format",
  "tax_id_checksum",
  "phone_invalid",
  "phone_country_code",
  "phone_extension",
  "email_invalid",
  "name_length",
  "booths_format",
  "booths_range",
] as const;

export type ValidationErrorCode = (typeof VALIDATION_ERROR_CODES)[number];

/** The outcome of a validator: the normalised value, or why it was refused. */
export type Validation<T, C extends ValidationErrorCode = ValidationErrorCode> = { ok: true; value: T } | { ok: false; error: C };

/** A refused booth count says the maximum, so the message can name it. */
export type BoothsValidation = Validation<number, "booths_format"> | { ok: false; error: "booths_range"; max: number };

export type TaxIdValidation = Validation<string, "tax_id_format" | "tax_id_checksum">;
export type PhoneValidation = Validation<string, "phone_invalid" | "phone_country_code" | "phone_extension">;

/** A cap so one company cannot take most of a fair's floor through the bot; bigger requests go to staff. */
export const MAX_BOOTHS_PER_COMPANY = 20;

const valid = <T>(value: T) => ({ ok: true, value }) as const;
const invalid = <C extends ValidationErrorCode>(error: C) => ({ ok: false, error }) as const;

// Chinese input methods type full-width digits, letters, @ and dashes; NFKC makes them ASCII.
const DASHES = /[\u2010-\u2015\u2212]/g;
const toAscii = (input: string): string => input.normalize("NFKC").replace(DASHES, "-");

const VN_WEIGHTS = [31, 29, 23, 19, 17, 13, 7, 5, 3];

/**
 * The MST check digit of a 9-digit prefix, or null when the remainder is 0: 10 − 0 is not a digit,
 * so no such prefix is ever issued (python-stdnum's vn.mst never matches it either).
 */
function vnCheckDigit(prefix: string): string | null {
  const sum = VN_WEIGHTS.reduce((total, weight, i) => total + weight * Number(prefix[i]), 0);
  const check = 10 - (sum % 11);
  return check === 10 ? null : String(check);
}

/**
 * Province codes that open a Vietnamese personal identification number (Circular 07/2016/TT-BCA):
 * the 63 provinces of 2016, by the code of the province where the birth was registered.
 */
const PERSONAL_ID_PROVINCES = new Set(
  "001 002 004 006 008 010 011 012 014 015 017 019 020 022 024 025 026 027 030 031 033 034 035 036 037 038 040 042 044 045 046 048 049 051 052 054 056 058 060 062 064 066 067 068 070 072 074 075 077 079 080 082 083 084 086 087 089 091 092 093 094 095 096".split(
    " ",
  ),
);

/**
 * Since 1 July 2025 household businesses and individuals use their 12-digit personal
 * identification number as their tax code (Circular 86/2024/TT-BTC). It has no check digit; its
 * shape is checked instead: a province code, then a digit for century and gender (0–3: born in the
 * 20th or 21st century, as anyone running a business today), then the year of birth.
 */
const isPlausiblePersonalId = (digits: string): boolean => PERSONAL_ID_PROVINCES.has(digits.slice(0, 3)) && digits[3]! <= "3";

function validateVnTaxId(compact: string): TaxIdValidation {
  const plain = compact.replace(/\./g, "");
  if (/^\d{12}$/.test(plain)) return isPlausiblePersonalId(plain) ? valid(plain) : invalid("tax_id_format");
  // Dots are how some documents print it (01.00.112.437); a branch may be typed without its dash.
  const match = /^(\d{10})(?:-?(\d{3}))?$/.exec(plain);
  if (!match) return invalid("tax_id_format");
  const [, main = "", branch] = match;
  // A zero sequence number or branch 000 is never issued.
  if (main.slice(2, 9) === "0000000" || branch === "000") return invalid("tax_id_format");
  if (vnCheckDigit(main) !== main[9]) return invalid("tax_id_checksum");
  return valid(branch ? `${main}-${branch}` : main);
}

// GB 32100-2015: digits and capitals without I, O, Z, S, V; a character's value is its index here.
const USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const USCC_CHAR = `[${USCC_ALPHABET}]`;
// Authority and kind may be letters (Y "other authority"); characters 3–8 are a GB/T 2260 region code.
const USCC_FORMAT = new RegExp(`^${USCC_CHAR}{2}\\d{6}${USCC_CHAR}{10}$`);

/** The check character over the first 17: weights 3^i mod 31, and 31 − (sum mod 31), where 31 means 0. */
function usccCheckCharacter(code: string): string {
  let sum = 0;
  let weight = 1;
  for (let i = 0; i < 17; i++) {
    sum += USCC_ALPHABET.indexOf(code[i]!) * weight;
    weight = (weight * 3) % 31;
  }
  return USCC_ALPHABET[(31 - (sum % 31)) % 31]!;
}

function validateCnTaxId(compact: string): TaxIdValidation {
  if (!USCC_FORMAT.test(compact)) return invalid("tax_id_format");
  if (usccCheckCharacter(compact) !== compact[17]) return invalid("tax_id_checksum");
  return valid(compact);
}

/**
 * A company's tax id: Vietnamese MST (10 digits, or 10-3 for a branch, or since July 2025 the
 * 12-digit personal identification number of a household business), Chinese unified social
 * credit code (18 characters), or any 4–30 letters, digits and dashes for other countries.
 * Returns it trimmed, upper-cased and without spaces, e.g. "0100233488-001".
 */
export function validateTaxId(country: Country, input: string): TaxIdValidation {
  const compact = toAscii(input).toUpperCase().replace(/\s+/g, "");
  if (country === "VN") return validateVnTaxId(compact);
  if (country === "CN") return validateCnTaxId(compact);
  return /^[A-Z0-9-]{4,30}$/.test(compact) && /[A-Z0-9]/.test(compact) ? valid(compact) : invalid("tax_id_format");
}

const DEFAULT_REGION: Record<Country, CountryCode | undefined> = { VN: "VN", CN: "CN", other: undefined };

/**
 * A mobile or landline number in E.164 (+84912345678). National numbers are read as the company's
 * country; a number with its own + prefix is taken as written, so a Vietnamese mobile works for a
 * Chinese company. Companies from elsewhere must give the country code.
 */
export function normalizePhone(input: string, country: Country): PhoneValidation {
  let text = toAscii(input).trim();
  const region = DEFAULT_REGION[country];
  if (!region) {
    // 00 is the international prefix nearly everywhere, so it means the same as +.
    text = text.replace(/^00/, "+");
    if (!text.startsWith("+")) return invalid("phone_country_code");
  }
  const phone = parsePhoneNumberFromString(text, region ? { defaultCountry: region } : undefined);
  if (!phone?.isValid()) return invalid("phone_invalid");
  // E.164 has no room for an extension, and dropping it silently would leave staff calling a switchboard.
  if (phone.ext) return invalid("phone_extension");
  return valid(phone.number);
}

const EMAIL = z.email().max(254);

/** An e-mail address, trimmed, with its domain in lower case (the part before @ may be case-sensitive). */
export function validateEmail(input: string): Validation<string, "email_invalid"> {
  const trimmed = toAscii(input).trim();
  const at = trimmed.lastIndexOf("@");
  const email = at < 0 ? trimmed : trimmed.slice(0, at) + trimmed.slice(at).toLowerCase();
  return EMAIL.safeParse(email).success ? valid(email) : invalid("email_invalid");
}

/** A company or person name of 2–200 characters, trimmed, with runs of whitespace made one space. */
export function validateName(input: string): Validation<string, "name_length"> {
  // NFC so a name typed with combining tone marks is stored (and counted) like the usual composed form.
  const name = input.normalize("NFC").replace(/\s+/g, " ").trim();
  const length = Array.from(name).length;
  return length >= 2 && length <= 200 ? valid(name) : invalid("name_length");
}

/** A number of booths written in digits (full-width too), between 1 and `max`. */
export function validateBooths(input: string, max: number): BoothsValidation {
  const text = toAscii(input).trim();
  if (!/^\d+$/.test(text)) return invalid("booths_format");
  const booths = Number(text);
  return booths >= 1 && booths <= max ? valid(booths) : { ok: false, error: "booths_range", max };
}
