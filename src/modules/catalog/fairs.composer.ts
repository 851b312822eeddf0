import { Composer } from "grammy";
import type { BotContext } from "../../bot/context.js";
import { menuButton } from "../../bot/menu.js";
import { viewContext } from "../../bot/view-context.js";
import { showInPlace } from "../../platform/telegram/edit.js";
import { acknowledge, sendView } from "../../platform/telegram/send.js";
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

fairsComposer.callbackQuery([fairButton.pattern, deadlineButton.pattern], async (ctx) => {
  const view = await viewContext(ctx);
  const isDeadline = deadlineButton.pattern.test(ctx.match[0]);
  const fair = view.catalog.fairs.get(ctx.match[1]!);
  if (!fair) return acknowledge(ctx, ctx.t("common.not_found"));
  await acknowledge(ctx);
  if (isDeadline) return sendView(ctx, deadlineAnswer(view, fair));
  await sendView(ctx, fairCard(view, fair, await availabilityOfOpenFairs(ctx.deps.db, view)));
});
