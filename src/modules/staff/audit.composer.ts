import { Composer } from "grammy";
import type { BotContext } from "../../bot/context.js";
import { viewContext } from "../../bot/view-context.js";
import { showInPlace } from "../../platform/telegram/edit.js";
import type { View } from "../../platform/telegram/send.js";
import { acknowledge, sendView } from "../../platform/telegram/send.js";
import { adminOnly } from "./access.service.js";
import { listAudit } from "./audit.repository.js";
import { AUDIT_PAGE_SIZE, auditView } from "./audit.views.js";
import { auditButton } from "./staff.callbacks.js";

/** /audit (admins): who did what — broadcasts, decisions, staff changes, imports, refusals — newest first. */
export const auditComposer = new Composer<BotContext>();

async function page(ctx: BotContext, beforeId: number | undefined): Promise<View> {
  const lines = await listAudit(ctx.deps.db, AUDIT_PAGE_SIZE + 1, beforeId);
  return auditView(
    await viewContext(ctx),
    lines.slice(0, AUDIT_PAGE_SIZE),
    lines.length > AUDIT_PAGE_SIZE,
    beforeId === undefined,
  );
}

// The log names people and rejection reasons: shown in an admin's private chat only, never in the staff group.
auditComposer.command("audit", adminOnly("audit.admins_only"), async (ctx) => {
  if (ctx.chat.type !== "private") return void (await ctx.reply(ctx.t("audit.private_only")));
  await sendView(ctx, await page(ctx, undefined));
});

auditComposer.callbackQuery(auditButton.pattern, adminOnly("audit.admins_only", "audit.admins_only"), async (ctx) => {
  await acknowledge(ctx);
  const [beforeId] = auditButton.read(ctx.match);
  const view = await page(ctx, beforeId === 0 ? undefined : beforeId);
  await showInPlace(ctx, view);
});
