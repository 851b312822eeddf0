import { listAudit } from "./audit.repository.js";
import { callbackPattern } from "../catalog/catalog.callbacks.js";
import type { BotContext } from "../../bot/context.js";
import { isAdminNow } from "../../bot/filters/staff.js";
import { Feature } from "../../bot/router.js";
import { acknowledge, sendView, viewContext } from "../../platform/telegram/send.js";
import { AUDIT_PAGE_SIZE, auditView } from "./audit.views.js";
import type { View } from "../catalog/lists.views.js";

/** /audit (admins): who did what — broadcasts, decisions, staff changes, imports, refusals — newest first. */
export const auditFeature = new Feature<BotContext>();

async function page(ctx: BotContext, beforeId: number | undefined): Promise<View> {
  const lines = await listAudit(ctx.deps.db, AUDIT_PAGE_SIZE + 1, beforeId);
  return auditView(await viewContext(ctx), lines.slice(0, AUDIT_PAGE_SIZE), lines.length > AUDIT_PAGE_SIZE, beforeId === undefined);
}

// The staff gate lets only admins through to here. The log names people and rejection reasons:
// shown in an admin's private chat only, never in the staff group.
auditFeature.chatType("private").command("audit", async (ctx) => sendView(ctx, await page(ctx, undefined)));
auditFeature.command("audit", async (ctx) => ctx.reply(ctx.t("audit.private_only")));

auditFeature.callbackQuery(callbackPattern.audit, async (ctx) => {
  if (!(await isAdminNow(ctx))) return acknowledge(ctx, ctx.t("audit.admins_only"));
  await acknowledge(ctx);
  const beforeId = Number(ctx.match[1]);
  const view = await page(ctx, beforeId === 0 ? undefined : beforeId);
  await ctx
    .editMessageText(view.text, { parse_mode: "HTML", reply_markup: view.keyboard })
    .catch((error: unknown) => ctx.deps.logger.debug({ err: error }, "audit page not redrawn"));
});
