import { Composer, InputFile } from "grammy";
import type { BotContext } from "../../bot/context.js";
import { acknowledge } from "../../platform/telegram/send.js";
import { staffOnly } from "../staff/access.service.js";
import { fairBotLink, qrPng } from "./poster.service.js";
import { posterButton } from "./site.callbacks.js";

/** Staff, on a fair's card: the fair's QR code as a PNG file, for posters and booth signs. */
export const posterComposer = new Composer<BotContext>();

posterComposer.callbackQuery(posterButton.pattern, staffOnly("review.not_allowed"), async (ctx) => {
  const catalog = await ctx.deps.catalog.get();
  const fair = catalog.fairs.get(posterButton.read(ctx.match)[0]);
  if (!fair) return acknowledge(ctx, ctx.t("common.not_found"));
  await acknowledge(ctx);
  const link = fairBotLink(ctx.me.username, fair.id);
  // A document, not a photo: Telegram would recompress a photo and blur the squares.
  await ctx.replyWithDocument(new InputFile(await qrPng(link), `qr-${fair.id}.png`), {
    caption: ctx.t("site.poster_caption", { fair: fair.name[ctx.locale], link }),
    parse_mode: "HTML",
  });
});
