import type { BotContext } from "../context.js";

/** Staff or admin, as the database says for this update (never from a button's data). */
export const isStaffContext = (ctx: BotContext): boolean => ctx.user?.role === "staff" || ctx.user?.role === "admin";

export const isAdminContext = (ctx: BotContext): boolean => ctx.user?.role === "admin";
