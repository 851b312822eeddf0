import { defineCallback } from "../../platform/telegram/callback.js";

/** A fair's card. */
export const fairButton = defineCallback("fair", "id");
/** A fair's deadline, answered directly. */
export const deadlineButton = defineCallback("dl", "id");
export const gateButton = defineCallback("gate", "id");
export const contactButton = defineCallback("contact", "id");
/** A page of the upcoming fairs or of the open registrations. */
export const pageButton = defineCallback("page", ["fairs", "deadlines"], "int");
/** "Add to calendar": the fair and its deadline as an .ics file. */
export const calendarButton = defineCallback("cal", "id");
/** /export (staff): which file. */
export const exportCatalogButton = defineCallback("ex", ["fairs", "gates", "dataset"]);
