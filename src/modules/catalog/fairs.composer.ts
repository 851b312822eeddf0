import { Composer, InlineKeyboard } from "grammy";
import type { BotContext } from "../../bot/context.js";
import { fairOfStartPayload, isStartLink } from "../../bot/deep-links.js";
import { menuButton, sendWelcome } from "../../bot/menu.js";
import { type ViewContext, viewContext } from "../../bot/view-context.js";
import type { Fair } from "../../domain/catalog.js";
import { showInPlace } from "../../platform/telegram/edit.js";
import { acknowledge, sendView } from "../../platform/telegram/send.js";
import { isStaffRole } from "../people/people.service.js";
import { posterButton } from "../site/site.callbacks.js";
import { deadlineButton, fairButton, pageButton } from "./catalog.callbacks.js";
import { deadlineAnswer, fairCard } from "./fair.views.js";
import { availabilityOfOpenFairs } from "./fair-availability.service.js";
import { openRegistrationsView, upcomingFairsView } from "./lists.views.js";

/** /fairs, /deadlines and the menu's buttons for them: lists of fairs, paged, and each fair's card. */
export const fairsComposer = new Composer<BotContext>();

async function showUpcoming(ctx: BotContext) {
  const view = await viewContext(ctx);
  await sendView(ctx, upcomingFairsView(view, await availabilityOfOpenFairs(ctx.deps.db, view)));
}

async function showOpen(ctx: BotContext) {
  const view = await viewContext(ctx);
  await sendView(ctx, openRegistrationsView(view, await availabilityOfOpenFairs(ctx.deps.db, view)));
}

fairsComposer.command("fairs", showUpcoming);
fairsComposer.command("deadlines", showOpen);
fairsComposer.callbackQuery(menuButton.pack("fairs"), async (ctx) => {
  await acknowledge(ctx);
  await showUpcoming(ctx);
});
fairsComposer.callbackQuery(menuButton.pack("deadlines"), async (ctx) => {
  await acknowledge(ctx);
  await showOpen(ctx);
});

fairsComposer.callbackQuery(pageButton.pattern, async (ctx) => {
  await acknowledge(ctx);
  const view = await viewContext(ctx);
  const [list, page] = pageButton.read(ctx.match);
  const availability = await availabilityOfOpenFairs(ctx.deps.db, view);
  const { text, keyboard } =
    list === "fairs" ? upcomingFairsView(view, availability, page) : openRegistrationsView(view, availability, page);
  await showInPlace(ctx, { text, keyboard });
});

/** A fair's card; staff also get the button for its QR code (the card itself is shared by everyone). */
async function showFairCard(ctx: BotContext, view: ViewContext, fair: Fair) {
  const card = fairCard(view, fair, await availabilityOfOpenFairs(ctx.deps.db, view));
  if (!isStaffRole(ctx.user?.role)) return sendView(ctx, card);
  const keyboard = InlineKeyboard.from([
    ...card.keyboard.inline_keyboard,
    [InlineKeyboard.text(ctx.t("site.poster_button"), posterButton.pack(fair.id))],
  ]);
  await sendView(ctx, { text: card.text, keyboard });
}

fairsComposer.callbackQuery([fairButton.pattern, deadlineButton.pattern], async (ctx) => {
  const view = await viewContext(ctx);
  const isDeadline = deadlineButton.pattern.test(ctx.match[0]);
  const fair = view.catalog.fairs.get(ctx.match[1]!);
  if (!fair) return acknowledge(ctx, ctx.t("common.not_found"));
  await acknowledge(ctx);
  if (isDeadline) return sendView(ctx, deadlineAnswer(view, fair));
  await showFairCard(ctx, view, fair);
});

// A fair's link (its page, poster or QR code: t.me/<bot>?start=fair-<id>) opens the fair's card,
// with its Register button. A link to a fair no longer listed says so, then greets as /start does.
fairsComposer.command("start", async (ctx, next) => {
  if (!isStartLink(ctx.match)) return next();
  const view = await viewContext(ctx);
  const id = fairOfStartPayload(ctx.match);
  const fair = id === undefined ? undefined : view.catalog.fairs.get(id);
  if (fair) return showFairCard(ctx, view, fair);
  await ctx.reply(ctx.t("site.unknown_fair"), { parse_mode: "HTML" });
  await sendWelcome(ctx);
});
