import { InlineKeyboard, InputFile } from "grammy";
import { recordAudit } from "../staff/audit.repository.js";
import { catalogDataset, fairsTable, gatesTable } from "./catalog-export.service.js";
import { formatDateTimeIn, todayIn } from "../../domain/dates.js";
import { toCsv } from "../registrations/registration-export.js";
import { callbackData, callbackPattern } from "./catalog.callbacks.js";
import type { BotContext } from "../../bot/context.js";
import { Feature } from "../../bot/router.js";
import { acknowledge } from "../../platform/telegram/send.js";
import { ensureStaff } from "../staff/access.service.js";

/** /export (staff): the catalog in the formats /import reads, to change and send back. */
export const exportFeature = new Feature<BotContext>();

// The staff gate lets only staff through to here.
exportFeature.command("export", async (ctx) => {
  const keyboard = new InlineKeyboard()
    .text(ctx.t("export.fairs_button"), callbackData.exportCatalog("fairs"))
    .text(ctx.t("export.gates_button"), callbackData.exportCatalog("gates"))
    .row()
    .text(ctx.t("export.dataset_button"), callbackData.exportCatalog("dataset"));
  await ctx.reply(ctx.t("export.title"), { parse_mode: "HTML", reply_markup: keyboard });
});

exportFeature.callbackQuery(callbackPattern.exportCatalog, async (ctx) => {
  if (!(await ensureStaff(ctx))) return;
  await acknowledge(ctx);
  const what = ctx.match[1] as "fairs" | "gates" | "dataset";
  const { db, clock, config } = ctx.deps;
  const { catalog } = await ctx.deps.catalog.get();
  const now = clock();
  const day = todayIn(now, config.timezone);
  let file: InputFile;
  let count: number;
  if (what === "dataset") {
    const dataset = catalogDataset(catalog, config.timezone);
    file = new InputFile(Buffer.from(`${JSON.stringify(dataset, null, 2)}\n`, "utf8"), `trade-office-dataset-${day}.json`);
    count = catalog.sectors.size + catalog.contacts.size + catalog.gates.size + catalog.fairs.size;
  } else {
    const table = what === "fairs" ? fairsTable(catalog, config.timezone) : gatesTable(catalog);
    file = new InputFile(toCsv(table), `${what}-${day}.csv`);
    count = table.rows.length;
  }
  await recordAudit(db, { actorId: ctx.from.id, action: "export", target: file.filename }, now);
  const caption = ctx.t("export.caption", { what: ctx.t(`export.what.${what}`), count, at: formatDateTimeIn(now.toISOString(), config.timezone, ctx.locale) });
  await ctx.replyWithDocument(file, { caption, parse_mode: "HTML" });
});
