import { Composer, InlineKeyboard } from "grammy";
import type { BotContext } from "../../bot/context.js";
import { pointToPrivateChat, startedWith } from "../../bot/deep-links.js";
import { menuButton } from "../../bot/menu.js";
import { isLive } from "../../domain/registration.js";
import type { RegistrationRow } from "../../platform/db/schema.js";
import { showButtonsInPlace, showInPlace } from "../../platform/telegram/edit.js";
import { acknowledge } from "../../platform/telegram/send.js";
import { EDIT_CONTACT } from "./edit-contact.conversation.js";
import { registrationNotifier, registrationView } from "./notices.js";
import { acceptOffer, cancelRegistration, declineOffer, type OwnerResult } from "./owner.service.js";
import { REGISTER } from "./register.conversation.js";
import { registrationCard } from "./registration.views.js";
import { mineButton, myRegistrationsButton, offerButton } from "./registrations.callbacks.js";
import { listUserRegistrations, waitlistPosition } from "./registrations.repository.js";

/** The business's own registrations: status, cancel (confirmed), edit contact; answers to waitlist offers. */
export const myRegistrationsComposer = new Composer<BotContext>();

const SHOWN = 10;

function actions(ctx: BotContext, row: RegistrationRow): InlineKeyboard | undefined {
  // Turned down: fix what staff asked for and send it again, without starting over.
  if (row.status === "rejected") return new InlineKeyboard().text(ctx.t("registration.fix_button"), mineButton.pack("f", row.id));
  if (!isLive(row.status)) return undefined;
  const keyboard = new InlineKeyboard();
  if (row.status === "offered") keyboard.text(ctx.t("registration.accept_button"), offerButton.pack("yes", row.id)).row();
  return keyboard
    .text(ctx.t("registration.edit_button"), mineButton.pack("e", row.id))
    .text(ctx.t("registration.cancel_button"), mineButton.pack("c", row.id));
}

async function card(ctx: BotContext, row: RegistrationRow): Promise<string> {
  const position = row.status === "waitlisted" ? await waitlistPosition(ctx.deps.db, row) : null;
  return registrationCard(await registrationView(ctx.deps, ctx.locale), row, { position });
}

async function showMine(ctx: BotContext): Promise<void> {
  const rows = await listUserRegistrations(ctx.deps.db, ctx.from!.id);
  if (rows.length === 0) return void (await ctx.reply(ctx.t("registration.none"), { parse_mode: "HTML" }));
  await ctx.reply(ctx.t("registration.mine_title", { count: rows.length }), { parse_mode: "HTML" });
  for (const row of rows.slice(0, SHOWN))
    await ctx.reply(await card(ctx, row), { parse_mode: "HTML", reply_markup: actions(ctx, row) });
}

const private_ = myRegistrationsComposer.chatType("private");
private_.command("myregistrations", showMine);
private_.command("start", (ctx, next) => (startedWith(ctx, "mine") ? showMine(ctx) : next()));
myRegistrationsComposer.chatType(["group", "supergroup"]).command("myregistrations", (ctx) => pointToPrivateChat(ctx, "mine"));
private_.callbackQuery([myRegistrationsButton.pattern, menuButton.pack("mine")], async (ctx) => {
  await acknowledge(ctx);
  await showMine(ctx);
});

/** Shows the outcome of a change on the message whose button was pressed (staff and the next in line were told by the service). */
async function settle(ctx: BotContext, result: OwnerResult): Promise<void> {
  if (result.kind === "missing") return acknowledge(ctx, ctx.t("common.not_found"));
  if (result.kind === "not_allowed") {
    await acknowledge(ctx, ctx.t("registration.not_changeable"));
    return showInPlace(ctx, { text: await card(ctx, result.registration) });
  }
  await acknowledge(ctx);
  await showInPlace(ctx, { text: await card(ctx, result.registration), keyboard: actions(ctx, result.registration) });
}

private_.callbackQuery(mineButton.pattern, async (ctx) => {
  const [action, id] = mineButton.read(ctx.match);
  const { db, clock } = ctx.deps;
  switch (action) {
    case "c": {
      await acknowledge(ctx);
      const keyboard = new InlineKeyboard()
        .text(ctx.t("registration.cancel_confirm_button"), mineButton.pack("cy", id))
        .text(ctx.t("registration.keep_button"), mineButton.pack("ck", id));
      return showButtonsInPlace(ctx, keyboard);
    }
    case "cy":
      return settle(ctx, await cancelRegistration(db, id, ctx.from.id, clock(), await registrationNotifier(ctx.deps)));
    case "ck": {
      await acknowledge(ctx);
      const row = (await listUserRegistrations(db, ctx.from.id)).find((r) => r.id === id);
      if (row) await showButtonsInPlace(ctx, actions(ctx, row));
      return;
    }
    case "f":
      await acknowledge(ctx);
      await ctx.conversation.exitAll();
      return void (await ctx.conversation.enter(REGISTER, null, id));
    default:
      await acknowledge(ctx);
      await ctx.conversation.exitAll();
      await ctx.conversation.enter(EDIT_CONTACT, id);
  }
});

private_.callbackQuery(offerButton.pattern, async (ctx) => {
  const [answer, id] = offerButton.read(ctx.match);
  const { db, clock } = ctx.deps;
  const notify = await registrationNotifier(ctx.deps);
  if (answer === "yes") return settle(ctx, await acceptOffer(db, id, ctx.from.id, clock(), notify));
  return settle(ctx, await declineOffer(db, id, ctx.from.id, clock(), notify));
});
