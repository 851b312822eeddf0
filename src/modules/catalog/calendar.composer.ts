import { Composer, InputFile } from "grammy";
import type { BotContext } from "../../bot/context.js";
import type { ViewContext } from "../../bot/view-context.js";
import { viewContext } from "../../bot/view-context.js";
import type { Fair } from "../../domain/catalog.js";
import { deadlineTimes } from "../../domain/deadline.js";
import { clip } from "../../domain/text.js";
import { Html } from "../../domain/translate.js";
import { userZone } from "../../domain/zones.js";
import { acknowledge } from "../../platform/telegram/send.js";
import { fairCalendar } from "./calendar.js";
import { calendarButton } from "./catalog.callbacks.js";

/** "Add to calendar" on fair cards and reminders: the fair and its deadline as an .ics file. */
export const calendarComposer = new Composer<BotContext>();

/** A caption holds 1024 characters; a name kept in the database before names had a limit may not fit. */
const CAPTION_NAME_LIMIT = 200;

/** The file's texts in the reader's language; plain text, so values are not HTML-escaped. */
function calendarTexts(view: ViewContext, fair: Fair) {
  const { t, locale } = view;
  const plain = (value: string) => new Html(value);
  const times = deadlineTimes(fair.registrationDeadline, locale);
  const place = { venue: plain(fair.venue[locale]), city: plain(fair.city[locale]) };
  return {
    fairSummary: fair.name[locale],
    fairDescription: t("calendar.fair_description", {
      organizer: plain(fair.organizer[locale]),
      ...place,
      vn: plain(times.vn),
      cn: plain(times.cn),
    }),
    location: t("calendar.location", place),
    deadlineSummary: t("calendar.deadline_summary", { fair: plain(fair.name[locale]) }),
    deadlineAlarm: t("calendar.deadline_alarm", { fair: plain(fair.name[locale]) }),
    language: locale,
  };
}

calendarComposer.callbackQuery(calendarButton.pattern, async (ctx) => {
  const view = await viewContext(ctx);
  const fair = view.catalog.fairs.get(calendarButton.read(ctx.match)[0]);
  if (!fair) return acknowledge(ctx, ctx.t("common.not_found"));
  await acknowledge(ctx);
  const zone = userZone(ctx.user?.timezone, ctx.locale, ctx.deps.config.timezone);
  const ics = fairCalendar(fair, calendarTexts(view, fair), { zone, now: view.now });
  await ctx.replyWithDocument(new InputFile(Buffer.from(ics, "utf8"), `${fair.id}.ics`), {
    caption: ctx.t("calendar.caption", { fair: clip(fair.name[ctx.locale], CAPTION_NAME_LIMIT) }),
    parse_mode: "HTML",
  });
});
