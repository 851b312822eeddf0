import { defineCallback } from "../../platform/telegram/callback.js";

/** Register for a fair (skips the sign-up's fair step). */
export const registerButton = defineCallback("reg", "id");
/** A closed fair: follow its province to hear of the next edition. */
export const nextEditionButton = defineCallback("nx", "id");
/** Staff: approve, reject, or see the licence of a registration. */
export const decisionButton = defineCallback("st", ["ok", "no", "lic"], "int");
/** The applicant accepts or declines booths offered from the waitlist. */
export const offerButton = defineCallback("of", ["yes", "no"], "int");
/** The applicant's own registrations. */
export const myRegistrationsButton = defineCallback("my:list");
/** Cancel (asks first), cancel confirmed, keep, edit contact, fix a rejected registration and send it again. */
export const mineButton = defineCallback("my", ["c", "cy", "ck", "e", "f"], "int");
/** Staff: a fair's registrations, and their export. */
export const staffFairButton = defineCallback("sr:f", "id");
/** Staff: a page of the review desk of a fair (0 first). */
export const deskPageButton = defineCallback("sr:p", "id", "int");
/** Staff: approve, reject, or see the licence of a registration from a page of the review desk. */
export const deskDecisionButton = defineCallback("sd", ["ok", "no", "lic"], "int", "int");

export const exportFairButton = defineCallback("sr", ["xlsx", "csv"], "id");
