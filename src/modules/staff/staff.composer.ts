import { Composer, InlineKeyboard } from "grammy";
import type { Message } from "grammy/types";
import type { BotContext } from "../../bot/context.js";
import { Html } from "../../domain/translate.js";
import type { UserRow } from "../../platform/db/schema.js";
import { showInPlace } from "../../platform/telegram/edit.js";
import { escapeHtml } from "../../platform/telegram/html.js";
import { acknowledge } from "../../platform/telegram/send.js";
import { findUser, listStaff, setStaffRole } from "../people/people.service.js";
import { adminOnly, isAdminNow } from "./access.service.js";
import { recordAudit } from "./audit.service.js";
import { refreshStaffMenu } from "./menus.service.js";
import { staffButton } from "./staff.callbacks.js";

/** /staff (admins): list staff, add by id, by a forwarded message or a reply, remove with a button. */
export const staffComposer = new Composer<BotContext>();

type Person = Pick<UserRow, "id" | "first_name" | "username">;

/** "Lan @lan · 12345", escaped: names are the user's own input. */
function displayName(person: Partial<Person> | undefined, id: number): string {
  const parts = [person?.first_name ?? "", person?.username ? `@${person.username}` : ""].filter(Boolean);
  return escapeHtml(parts.length > 0 ? `${parts.join(" ")} · ${id}` : String(id));
}

async function showStaff(ctx: BotContext) {
  const staff = await listStaff(ctx.deps.db);
  const lines = [ctx.t("staff.list_title"), ""];
  const keyboard = new InlineKeyboard();
  for (const user of staff) {
    const name = displayName(user, user.id);
    if (user.role === "admin") lines.push(ctx.t("staff.line_admin", { name: new Html(name) }));
    else {
      lines.push(`• ${name}${user.first_name === null ? ctx.t("staff.not_started") : ""}`);
      keyboard
        .text(ctx.t("staff.remove_button", { name: user.first_name ?? String(user.id) }), staffButton.pack("rm", user.id))
        .row();
    }
  }
  if (!staff.some((u) => u.role === "staff")) lines.push(ctx.t("staff.none"));
  lines.push("", ctx.t("staff.how_to_add"));
  await ctx.reply(lines.join("\n"), { parse_mode: "HTML", reply_markup: keyboard });
}

async function changeRole(ctx: BotContext, targetId: number, staff: boolean): Promise<string> {
  const { db, clock, logger } = ctx.deps;
  const before = await findUser(db, targetId);
  const name = new Html(displayName(before, targetId));
  if (before?.role === "admin") return ctx.t("staff.cannot_change_admin", { name });
  if (!(await setStaffRole(db, targetId, staff, clock()))) return ctx.t(staff ? "staff.already" : "staff.not_staff", { name });
  await recordAudit(
    db,
    { actorId: ctx.from!.id, action: staff ? "staff.add" : "staff.remove", target: String(targetId) },
    clock(),
  );
  await refreshStaffMenu(ctx.api, ctx.deps, targetId, clock()).catch((error: unknown) =>
    logger.warn({ err: error, chatId: targetId }, "could not update the command menu after a role change"),
  );
  return ctx.t(staff ? "staff.added" : "staff.removed", { name });
}

/** The user a message is about: who wrote the message replied to, or who it was forwarded from. */
function personIn(message: Message | undefined): { id: number } | "hidden" | undefined {
  if (!message) return undefined;
  const origin = message.forward_origin;
  if (origin?.type === "user") return origin.sender_user;
  if (origin?.type === "hidden_user") return "hidden";
  if (message.from && !message.from.is_bot) return message.from;
  return undefined;
}

staffComposer.command("staff", adminOnly(), async (ctx) => {
  const [action, arg] = ctx.match.trim().split(/\s+/);
  if (!action) return showStaff(ctx);
  if (action !== "add" && action !== "remove") return ctx.reply(ctx.t("staff.add_usage"), { parse_mode: "HTML" });
  const replied = personIn(ctx.message?.reply_to_message);
  if (replied === "hidden") return ctx.reply(ctx.t("staff.hidden_user"));
  const id = arg && /^\d{1,16}$/.test(arg) ? Number(arg) : replied?.id;
  if (!id) return ctx.reply(ctx.t("staff.add_usage"), { parse_mode: "HTML" });
  await ctx.reply(await changeRole(ctx, id, action === "add"), { parse_mode: "HTML" });
});

// An admin forwarding someone's message offers to make that person staff.
staffComposer.chatType("private").on("message", async (ctx, next) => {
  if (!ctx.message.forward_origin || !(await isAdminNow(ctx)) || Object.keys(ctx.conversation.active()).length > 0) return next();
  const person = personIn(ctx.message);
  if (person === "hidden") return ctx.reply(ctx.t("staff.hidden_user"));
  if (!person) return next();
  const user = await findUser(ctx.deps.db, person.id);
  const origin = ctx.message.forward_origin;
  const name = new Html(displayName(user ?? (origin.type === "user" ? origin.sender_user : undefined), person.id));
  await ctx.reply(ctx.t("staff.add_forwarded", { name }), {
    parse_mode: "HTML",
    reply_markup: new InlineKeyboard().text(ctx.t("staff.add_button"), staffButton.pack("add", person.id)),
  });
});

// A button proves nothing: whoever presses it is told it is for admins.
staffComposer.callbackQuery(staffButton.pattern, adminOnly("staff.admins_only", "staff.admins_only"), async (ctx) => {
  await acknowledge(ctx);
  const [action, id] = staffButton.read(ctx.match);
  const text = await changeRole(ctx, id, action === "add");
  await showInPlace(ctx, { text });
});
