import type { BotContext } from "../../bot/context.js";
import { Feature } from "../../bot/router.js";
import { mainMenu } from "../../bot/menu.js";

export const startFeature = new Feature<BotContext>();

startFeature.command("start", async (ctx) => {
  await ctx.reply(ctx.t("start.greeting", { name: ctx.from?.first_name ?? "" }), {
    parse_mode: "HTML",
    reply_markup: mainMenu(ctx.t),
  });
});

startFeature.command("help", async (ctx) => {
  await ctx.reply(ctx.t("help.text"), { parse_mode: "HTML", reply_markup: mainMenu(ctx.t) });
});
