import { Composer, InputFile } from "grammy";
import type { BotContext } from "../../bot/context.js";
import { viewContext } from "../../bot/view-context.js";
import { clip } from "../../domain/text.js";
import { userZone } from "../../domain/zones.js";
import { acknowledge } from "../../platform/telegram/send.js";
import { calendarTexts, fairCalendar } from "./calendar.service.js";
import { calendarButton } from "./catalog.callbacks.js";

/** "Add to calendar" on fair cards and reminders: the fair and its deadline as an .ics file. */
export const calendarComposer = new Composer<BotContext>();

/** A caption holds 1024 characters; a name kept in the database before names had a limit may not fit. */
const CAPTION_NAME_LIMIT = 200;

calendarComposer.callbackQuery(calendarButton.pattern, async (ctx) => {
  const view = await viewContext(ctx);
  const fair = view.catalog.fairs.get(calendarButton.read(ctx.match)[0]);
  if (!fair) return acknowledge(ctx, ctx.t("common.not_found"));
  await acknowledge(ctx);
  const zone = userZone(ctx.user?.timezone, ctx.locale, ctx.deps.config.timezone);
  const ics = fairCalendar(fair, calendarTexts(view.t, view.locale, fair), { zone, now: view.now });
  await ctx.replyWithDocument(new InputFile(Buffer.from(ics, "utf8"), `${fair.id}.ics`), {
    caption: ctx.t("calendar.caption", { fair: clip(fair.name[ctx.locale], CAPTION_NAME_LIMIT) }),
    parse_mode: "HTML",
  });
});
