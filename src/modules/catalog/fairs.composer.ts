import { callbackPattern } from "./catalog.callbacks.js";
import type { BotContext } from "../../bot/context.js";
import { Feature } from "../../bot/router.js";
import { acknowledge, sendView, viewContext } from "../../platform/telegram/send.js";
import { deadlineAnswer, fairCard } from "./fair.views.js";
import { openRegistrationsView, upcomingFairsView } from "./lists.views.js";

export const fairsFeature = new Feature<BotContext>();

const showUpcoming = async (ctx: BotContext) => sendView(ctx, upcomingFairsView(await viewContext(ctx)));
const showOpen = async (ctx: BotContext) => sendView(ctx, openRegistrationsView(await viewContext(ctx)));

fairsFeature.command("fairs", showUpcoming);
fairsFeature.command("deadlines", showOpen);
fairsFeature.callbackQuery("menu:fairs", async (ctx) => {
  await acknowledge(ctx);
  await showUpcoming(ctx);
});
fairsFeature.callbackQuery("menu:deadlines", async (ctx) => {
  await acknowledge(ctx);
  await showOpen(ctx);
});

fairsFeature.callbackQuery(callbackPattern.page, async (ctx) => {
  await acknowledge(ctx);
  const view = await viewContext(ctx);
  const page = Number(ctx.match[2]);
  const { text, keyboard } = ctx.match[1] === "fairs" ? upcomingFairsView(view, page) : openRegistrationsView(view, page);
  await ctx.editMessageText(text, { parse_mode: "HTML", reply_markup: keyboard, link_preview_options: { is_disabled: true } });
});

fairsFeature.callbackQuery([callbackPattern.fair, callbackPattern.deadline], async (ctx) => {
  const view = await viewContext(ctx);
  const fair = view.catalog.fairs.get(ctx.match[1]!);
  if (!fair) return acknowledge(ctx, ctx.t("common.not_found"));
  await acknowledge(ctx);
  await sendView(ctx, ctx.match[0].startsWith("dl:") ? deadlineAnswer(view, fair) : fairCard(view, fair));
});
