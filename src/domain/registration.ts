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
