import { InlineKeyboard } from "grammy";
import { listUserRegistrations, waitlistPosition } from "./registrations.repository.js";
import type { RegistrationRow } from "../../platform/db/schema.js";
import { acceptOffer, cancelRegistration, declineOffer, type OwnerResult } from "./owner.service.js";
import { callbackData, callbackPattern } from "../catalog/catalog.callbacks.js";
import type { BotContext } from "../../bot/context.js";
import { lazyConversation } from "../../bot/conversations.js";
import { Feature } from "../../bot/router.js";
import { EDIT_CONTACT, editContact } from "./edit-contact.conversation.js";
import { notifyStaff, registrationView, sendOffers } from "./notices.js";
import { acknowledge } from "../../platform/telegram/send.js";
import { registrationCard } from "./registration.views.js";

/** The business's own registrations: status, cancel (confirmed), edit contact; answers to waitlist offers. */
export const myRegistrationsFeature = new Feature<BotContext>();

const editing = lazyConversation(editContact, EDIT_CONTACT);
myRegistrationsFeature.use(editing.middleware);

const CHANGEABLE = new Set(["pending", "approved", "waitlisted", "offered"]);
const SHOWN = 10;

function actions(ctx: BotContext, row: RegistrationRow): InlineKeyboard | undefined {
  if (!CHANGEABLE.has(row.status)) return undefined;
  const keyboard = new InlineKeyboard();
  if (row.status === "offered") keyboard.text(ctx.t("registration.accept_button"), callbackData.acceptOffer(row.id)).row();
  return keyboard.text(ctx.t("registration.edit_button"), callbackData.editMine(row.id)).text(ctx.t("registration.cancel_button"), callbackData.cancelMine(row.id));
}

async function card(ctx: BotContext, row: RegistrationRow): Promise<string> {
  const position = row.status === "waitlisted" ? await waitlistPosition(ctx.deps.db, row) : null;
  return registrationCard(await registrationView(ctx.deps, ctx.locale), row, { position });
}

async function showMine(ctx: BotContext): Promise<void> {
  const rows = await listUserRegistrations(ctx.deps.db, ctx.from!.id);
  if (rows.length === 0) return void (await ctx.reply(ctx.t("registration.none"), { parse_mode: "HTML" }));
  await ctx.reply(ctx.t("registration.mine_title", { count: rows.length }), { parse_mode: "HTML" });
  for (const row of rows.slice(0, SHOWN)) await ctx.reply(await card(ctx, row), { parse_mode: "HTML", reply_markup: actions(ctx, row) });
}

const private_ = myRegistrationsFeature.chatType("private");
private_.command("myregistrations", showMine);
private_.callbackQuery("my:list", async (ctx) => {
  await acknowledge(ctx);
  await showMine(ctx);
});

/** Shows the outcome of a change on the message whose button was pressed, and tells whoever must know. */
async function settle(ctx: BotContext, result: OwnerResult, staffEvent?: "cancelled" | "accepted"): Promise<void> {
  if (result.kind === "missing") return acknowledge(ctx, ctx.t("common.not_found"));
  if (result.kind === "not_allowed") {
    await acknowledge(ctx, ctx.t("registration.not_changeable"));
    return void (await ctx.editMessageText(await card(ctx, result.registration), { parse_mode: "HTML" }).catch(() => undefined));
  }
  await acknowledge(ctx);
  await ctx.editMessageText(await card(ctx, result.registration), { parse_mode: "HTML", reply_markup: actions(ctx, result.registration) }).catch(() => undefined);
  if (staffEvent) await notifyStaff(ctx.api, ctx.deps, result.registration, staffEvent);
  await sendOffers(ctx.api, ctx.deps, result.offers);
}

private_.callbackQuery(callbackPattern.mine, async (ctx) => {
  const id = Number(ctx.match[2]);
  switch (ctx.match[1]) {
    case "c":
      await acknowledge(ctx);
      await ctx.editMessageReplyMarkup({
        reply_markup: new InlineKeyboard().text(ctx.t("registration.cancel_confirm_button"), callbackData.cancelMineConfirmed(id)).text(ctx.t("registration.keep_button"), callbackData.keepMine(id)),
      });
      return;
    case "cy":
      return settle(ctx, await cancelRegistration(ctx.deps.db, id, ctx.from.id, ctx.deps.clock()), "cancelled");
    case "ck": {
      await acknowledge(ctx);
      const row = (await listUserRegistrations(ctx.deps.db, ctx.from.id)).find((r) => r.id === id);
      if (row) await ctx.editMessageReplyMarkup({ reply_markup: actions(ctx, row) }).catch(() => undefined);
      return;
    }
    default:
      await acknowledge(ctx);
      await ctx.conversation.exitAll();
      await editing.enter(ctx, id);
  }
});

private_.callbackQuery(callbackPattern.offer, async (ctx) => {
  const id = Number(ctx.match[2]);
  const now = ctx.deps.clock();
  if (ctx.match[1] === "yes") return settle(ctx, await acceptOffer(ctx.deps.db, id, ctx.from.id, now), "accepted");
  return settle(ctx, await declineOffer(ctx.deps.db, id, ctx.from.id, now));
});
