import { Composer, InlineKeyboard, InputFile } from "grammy";
import type { BotContext } from "../../bot/context.js";
import { formatDateTimeIn, todayIn } from "../../domain/dates.js";
import { toCsv } from "../../platform/files/spreadsheet.js";
import { acknowledge } from "../../platform/telegram/send.js";
import { staffOnly } from "../staff/access.service.js";
import { recordAudit } from "../staff/audit.service.js";
import { exportCatalogButton } from "./catalog.callbacks.js";
import { catalogDataset, fairsTable, gatesTable } from "./catalog-export.service.js";

/** /export (staff): the catalog in the formats /import reads, to change and send back. */
export const exportComposer = new Composer<BotContext>();

exportComposer.command("export", staffOnly(), async (ctx) => {
  const keyboard = new InlineKeyboard()
    .text(ctx.t("export.fairs_button"), exportCatalogButton.pack("fairs"))
    .text(ctx.t("export.gates_button"), exportCatalogButton.pack("gates"))
    .row()
    .text(ctx.t("export.dataset_button"), exportCatalogButton.pack("dataset"));
  await ctx.reply(ctx.t("export.title"), { parse_mode: "HTML", reply_markup: keyboard });
});

exportComposer.callbackQuery(exportCatalogButton.pattern, staffOnly("review.not_allowed"), async (ctx) => {
  await acknowledge(ctx);
  const [what] = exportCatalogButton.read(ctx.match);
  const { db, clock, config } = ctx.deps;
  const catalog = await ctx.deps.catalog.get();
  const now = clock();
  const day = todayIn(now, config.timezone);
  let file: InputFile;
  let count: number;
  if (what === "dataset") {
    const dataset = catalogDataset(catalog, config.timezone, now);
    file = new InputFile(Buffer.from(`${JSON.stringify(dataset, null, 2)}\n`, "utf8"), `trade-office-dataset-${day}.json`);
    count = catalog.sectors.size + catalog.contacts.size + catalog.gates.size + catalog.fairs.size;
  } else {
    const table = what === "fairs" ? fairsTable(catalog, config.timezone, now) : gatesTable(catalog, now);
    file = new InputFile(toCsv(table), `${what}-${day}.csv`);
    count = table.rows.length;
  }
  await recordAudit(db, { actorId: ctx.from.id, action: "export", target: file.filename }, now);
  const at = formatDateTimeIn(now.toISOString(), config.timezone, ctx.locale);
  const caption = ctx.t("export.caption", { what: ctx.t(`export.what.${what}`), count, at });
  await ctx.replyWithDocument(file, { caption, parse_mode: "HTML" });
});
