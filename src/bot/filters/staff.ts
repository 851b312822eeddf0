import { findUser } from "../../modules/people/users.repository.js";
import type { BotContext } from "../context.js";

// Rights are read from the database at the moment they are used: ctx.user may be up to a minute
// old (touchUser keeps rows in memory), and a button's data proves nothing.

/** Whether the sender is staff or admin now. */
export async function isStaffNow(ctx: BotContext): Promise<boolean> {
  const role = ctx.from && (await findUser(ctx.deps.db, ctx.from.id))?.role;
  return role === "staff" || role === "admin";
}

/** Whether the sender is an admin now. */
export async function isAdminNow(ctx: BotContext): Promise<boolean> {
  return !!ctx.from && (await findUser(ctx.deps.db, ctx.from.id))?.role === "admin";
}
