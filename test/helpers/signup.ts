import type { Locale } from "../../src/domain/locale.js";
import { type Chat, says } from "./chat.js";

/** The answers a company gives in the sign-up form. */
export interface Answers {
  company: string;
  country: "VN" | "CN" | "other";
  taxId: string;
  sectors: string[];
  booths: string;
  person: string;
  phone: string;
  email: string;
}

/** Answers of a foreign company numbered `n` (country "other": no checksum, ids CO-0001...). */
export const otherCompany = (n: number, sectors = ["food"]): Answers => ({
  company: `Company ${n}`,
  country: "other",
  taxId: `CO-${String(n).padStart(4, "0")}`,
  sectors,
  booths: "1",
  person: `Person ${n}`,
  phone: "+856 20 5555 1234",
  email: `c${n}@example.com`,
});

/** Runs the sign-up from /register to the summary with valid answers (licence skipped); returns the summary. */
export async function fillForm(c: Chat, locale: Locale, a: Answers, fairId: string) {
  await c.say("/register", says(locale, "signup.ask_fair"));
  await c.press(`su:fair:${fairId}`, says(locale, "signup.ask_company"));
  await c.say(a.company, says(locale, "signup.ask_country"));
  await c.press(`su:country:${a.country}`, says(locale, `signup.ask_tax_id.${a.country}`));
  await c.say(a.taxId, says(locale, "signup.ask_sectors"));
  for (const sector of a.sectors) await c.toggle(`su:sector:${sector}`);
  await c.press("su:done", says(locale, "signup.ask_booths"));
  await c.say(a.booths, says(locale, "signup.ask_contact_person"));
  await c.say(a.person, says(locale, `signup.ask_phone.${a.country}`));
  await c.say(a.phone, says(locale, "signup.ask_email"));
  await c.say(a.email, says(locale, "signup.ask_licence"));
  return c.press("su:skip", says(locale, "signup.summary_title"));
}
