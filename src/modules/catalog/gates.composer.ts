import { callbackPattern } from "./catalog.callbacks.js";
import type { BotContext } from "../../bot/context.js";
import { Feature } from "../../bot/router.js";
import { acknowledge, sendView, viewContext } from "../../platform/telegram/send.js";
import { gateCard, gatesView } from "./gate.views.js";

export const gatesFeature = new Feature<BotContext>();

const showGates = async (ctx: BotContext) => sendView(ctx, gatesView(await viewContext(ctx)));

gatesFeature.command("gates", showGates);
gatesFeature.callbackQuery("menu:gates", async (ctx) => {
  await acknowledge(ctx);
  await showGates(ctx);
});

gatesFeature.callbackQuery(callbackPattern.gate, async (ctx) => {
  const view = await viewContext(ctx);
  const gate = view.catalog.gates.get(ctx.match[1]!);
  if (!gate) return acknowledge(ctx, ctx.t("common.not_found"));
  await acknowledge(ctx);
  await sendView(ctx, gateCard(view, gate));
});
