export type RegistrationStatus = "pending" | "approved" | "rejected" | "cancelled" | "waitlisted" | "offered" | "expired";
export type Country = "VN" | "CN" | "other";

/** Every status, in the order staff read them. */
export const REGISTRATION_STATUSES: readonly RegistrationStatus[] = [
  "pending",
  "approved",
  "waitlisted",
  "offered",
  "rejected",
  "cancelled",
  "expired",
];

/** Statuses whose booths are taken: they count against the fair's capacity. */
export const HOLDING_STATUSES: readonly RegistrationStatus[] = ["pending", "approved", "offered"];

/**
 * A registration still in play: holding booths or waiting for them. Its owner may change or cancel
 * it, and its company counts as registered (no "deadline near" reminders).
 */
export const LIVE_STATUSES: readonly RegistrationStatus[] = ["pending", "approved", "waitlisted", "offered"];

export const isLive = (status: RegistrationStatus): boolean => LIVE_STATUSES.includes(status);

/** Why staff turn a registration down, as the applicant reads it in their own language. */
export const REJECT_CODES = ["missing_licence", "fair_full", "sector", "duplicate", "other"] as const;
export type RejectCode = (typeof REJECT_CODES)[number];
