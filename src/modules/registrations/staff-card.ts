import { InlineKeyboard } from "grammy";
import type { Kysely } from "kysely";
import { formatDateTimeIn } from "../../domain/dates.js";
import type { Locale } from "../../domain/locale.js";
import type { Database, RegistrationRow } from "../../platform/db/schema.js";
import { findUser, userLocale } from "../people/people.service.js";
import { type RegistrationViewContext, registrationCard } from "./registration.views.js";
import { decisionButton } from "./registrations.callbacks.js";
import { findRegistration, listDuplicatesOf } from "./registrations.repository.js";

/** What staff see beside a registration's own fields: read from the database, plain data. */
export interface StaffFacts {
  applicantLocale: Locale;
  /** Who decided it, for a decided registration. */
  decidedBy: string | null;
  /** The other account's registration this one may duplicate (same tax code, same fair). */
  duplicateOf: { reference: string; account: string } | null;
  /** Later registrations of other accounts with this one's tax code. */
  claimedBy: string[];
}

/** "Lan @lan_dn · 5001": enough for staff to tell two accounts apart. */
async function accountName(db: Kysely<Database>, userId: number): Promise<string> {
  const user = await findUser(db, userId);
  const name = [user?.first_name, user?.username ? `@${user.username}` : undefined].filter(Boolean).join(" ");
  return name ? `${name} · ${userId}` : String(userId);
}

export async function staffFacts(db: Kysely<Database>, registration: RegistrationRow, fallback: Locale): Promise<StaffFacts> {
  const decider = registration.decided_by === null ? undefined : await findUser(db, registration.decided_by);
  const original = registration.duplicate_of === null ? undefined : await findRegistration(db, registration.duplicate_of);
  const claims = await listDuplicatesOf(db, registration.id);
  return {
    applicantLocale: await userLocale(db, registration.user_id, fallback),
    decidedBy: registration.decided_by === null ? null : (decider?.first_name ?? String(registration.decided_by)),
    duplicateOf: original ? { reference: original.reference, account: await accountName(db, original.user_id) } : null,
    claimedBy: claims.map((claim) => claim.reference),
  };
}

/** The registration as staff read it: every field, the applicant's language, who decided, and any tax-code match. */
export function staffCard(view: RegistrationViewContext, registration: RegistrationRow, facts: StaffFacts): string {
  const { t } = view;
  const lines = [registrationCard(view, registration)];
  lines.push(t("review.applicant_language", { language: t(`review.language.${facts.applicantLocale}`) }));
  if (facts.decidedBy !== null && registration.decided_at)
    lines.push(
      t("review.decided_by", {
        name: facts.decidedBy,
        at: formatDateTimeIn(registration.decided_at, view.timezone, view.locale),
      }),
    );
  if (facts.duplicateOf) lines.push("", t("review.duplicate", { ...facts.duplicateOf }));
  if (facts.claimedBy.length > 0)
    lines.push("", t("review.claimed", { references: facts.claimedBy.join(t("common.separator")) }));
  return lines.join("\n");
}

/** Approve and Reject while it waits for a decision; View licence whenever there is one. */
export function staffKeyboard(t: RegistrationViewContext["t"], registration: RegistrationRow): InlineKeyboard {
  const rows = [];
  if (registration.status === "pending")
    rows.push([
      InlineKeyboard.text(t("review.approve_button"), decisionButton.pack("ok", registration.id)),
      InlineKeyboard.text(t("review.reject_button"), decisionButton.pack("no", registration.id)),
    ]);
  if (registration.licence_file_id)
    rows.push([InlineKeyboard.text(t("review.licence_button"), decisionButton.pack("lic", registration.id))]);
  return InlineKeyboard.from(rows);
}
