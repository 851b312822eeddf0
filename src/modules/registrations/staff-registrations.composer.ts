import { Composer, InlineKeyboard, InputFile } from "grammy";
import type { BotContext } from "../../bot/context.js";
import { todayIn } from "../../domain/dates.js";
import { REGISTRATION_STATUSES } from "../../domain/registration.js";
import { toCsv, toXlsx } from "../../platform/files/spreadsheet.js";
import { escapeHtml } from "../../platform/telegram/html.js";
import { acknowledge } from "../../platform/telegram/send.js";
import { staffOnly } from "../staff/access.service.js";
import { recordAudit } from "../staff/audit.service.js";
import { COLUMN_KEYS, registrationTable } from "./registration-export.js";
import { exportFairButton, staffFairButton } from "./registrations.callbacks.js";
import { countByStatus, listFairRegistrations } from "./registrations.repository.js";
import { boothsLeft } from "./registrations.service.js";

/** /registrations for staff: a fair's counts by status, booths left, and exports as .xlsx and .csv. */
export const staffRegistrationsComposer = new Composer<BotContext>();

const staffOnlyHere = staffOnly("review.not_allowed");

staffRegistrationsComposer.command("registrations", staffOnlyHere, async (ctx) => {
  const catalog = await ctx.deps.catalog.get();
  const today = todayIn(ctx.deps.clock(), ctx.deps.config.timezone);
  const fairs = [...catalog.fairs.values()].filter((f) => f.endsOn >= today).sort((a, b) => a.startsOn.localeCompare(b.startsOn));
  const keyboard = new InlineKeyboard();
  for (const fair of fairs) keyboard.text(fair.name[ctx.locale], staffFairButton.pack(fair.id)).row();
  await ctx.reply(ctx.t(fairs.length ? "review.choose_fair" : "fairs.none"), { reply_markup: keyboard });
});

staffRegistrationsComposer.callbackQuery(staffFairButton.pattern, staffOnlyHere, async (ctx) => {
  await acknowledge(ctx);
  const catalog = await ctx.deps.catalog.get();
  const fair = catalog.fairs.get(ctx.match[1]!);
  if (!fair) return void (await ctx.reply(ctx.t("common.not_found")));
  const counts = await countByStatus(ctx.deps.db, fair.id);
  const lines = [`<b>${escapeHtml(fair.name[ctx.locale])}</b>`, ""];
  for (const status of REGISTRATION_STATUSES) {
    const entry = counts[status];
    if (entry)
      lines.push(
        ctx.t("review.count_line", { status: ctx.t(`registration.status.${status}`), count: entry.count, booths: entry.booths }),
      );
  }
  if (lines.length === 2) lines.push(ctx.t("review.no_registrations"));
  lines.push("", ctx.t("review.booths_left", { left: await boothsLeft(ctx.deps.db, fair.id), capacity: fair.boothCapacity }));
  const keyboard = new InlineKeyboard()
    .text("⬇️ Excel (.xlsx)", exportFairButton.pack("xlsx", fair.id))
    .text("⬇️ CSV", exportFairButton.pack("csv", fair.id));
  await ctx.reply(lines.join("\n"), { parse_mode: "HTML", reply_markup: keyboard });
});

staffRegistrationsComposer.callbackQuery(exportFairButton.pattern, staffOnlyHere, async (ctx) => {
  await acknowledge(ctx);
  const [format, fairId] = exportFairButton.read(ctx.match);
  const catalog = await ctx.deps.catalog.get();
  const fair = catalog.fairs.get(fairId);
  if (!fair) return void (await ctx.reply(ctx.t("common.not_found")));
  const { t, locale } = ctx;
  const table = registrationTable(await listFairRegistrations(ctx.deps.db, fair.id), {
    headers: Object.fromEntries(COLUMN_KEYS.map((key) => [key, t(`review.column.${key}`)])) as Record<
      (typeof COLUMN_KEYS)[number],
      string
    >,
    statusLabel: (status) => t(`registration.status.${status}`),
    sectorName: (id) => catalog.sectors.get(id)?.name[locale] ?? id,
    licenceLabel: (kind) => t(`registration.licence.${kind ?? "none"}`),
    countryLabel: (country) => t(`signup.country.${country}`),
    zone: ctx.deps.config.timezone,
  });
  const data = format === "xlsx" ? await toXlsx(table, fair.name[locale]) : toCsv(table);
  const caption = t("review.export_caption", { fair: fair.name[locale], count: table.rows.length });
  const fileName = `registrations-${fair.id}.${format}`;
  // The file holds companies' contacts: who took it, and when, is on record.
  await recordAudit(
    ctx.deps.db,
    { actorId: ctx.from.id, action: "export", target: fileName, recipients: table.rows.length },
    ctx.deps.clock(),
  );
  await ctx.replyWithDocument(new InputFile(data, fileName), { caption, parse_mode: "HTML" });
});
