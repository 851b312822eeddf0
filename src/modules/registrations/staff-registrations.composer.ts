import { InlineKeyboard, InputFile } from "grammy";
import { countByStatus, listFairRegistrations } from "./registrations.repository.js";
import type { RegistrationStatus } from "../../platform/db/schema.js";
import { todayIn } from "../../domain/dates.js";
import { COLUMN_KEYS, registrationTable, toCsv, toXlsx } from "./registration-export.js";
import { boothsLeft } from "./registrations.service.js";
import { callbackData, callbackPattern } from "../catalog/catalog.callbacks.js";
import type { BotContext } from "../../bot/context.js";
import { Feature } from "../../bot/router.js";
import { escapeHtml } from "../../platform/telegram/html.js";
import { acknowledge } from "../../platform/telegram/send.js";
import { ensureStaff } from "../staff/access.service.js";

/** /registrations for staff: a fair's counts by status, booths left, and exports as .xlsx and .csv. */
export const staffRegistrationsFeature = new Feature<BotContext>();

const STATUSES: RegistrationStatus[] = ["pending", "approved", "waitlisted", "offered", "rejected", "cancelled", "expired"];

staffRegistrationsFeature.command("registrations", async (ctx) => {
  if (!(await ensureStaff(ctx))) return;
  const { catalog } = await ctx.deps.catalog.get();
  const today = todayIn(ctx.deps.clock(), ctx.deps.config.timezone);
  const fairs = [...catalog.fairs.values()].filter((f) => f.endsOn >= today).sort((a, b) => a.startsOn.localeCompare(b.startsOn));
  const keyboard = new InlineKeyboard();
  for (const fair of fairs) keyboard.text(fair.name[ctx.locale], callbackData.staffFair(fair.id)).row();
  await ctx.reply(ctx.t(fairs.length ? "review.choose_fair" : "fairs.none"), { reply_markup: keyboard });
});

staffRegistrationsFeature.callbackQuery(callbackPattern.staffFair, async (ctx) => {
  if (!(await ensureStaff(ctx))) return;
  await acknowledge(ctx);
  const { catalog } = await ctx.deps.catalog.get();
  const fair = catalog.fairs.get(ctx.match[1]!);
  if (!fair) return void (await ctx.reply(ctx.t("common.not_found")));
  const counts = await countByStatus(ctx.deps.db, fair.id);
  const lines = [`<b>${escapeHtml(fair.name[ctx.locale])}</b>`, ""];
  for (const status of STATUSES) {
    const entry = counts[status];
    if (entry) lines.push(ctx.t("review.count_line", { status: ctx.t(`registration.status.${status}`), count: entry.count, booths: entry.booths }));
  }
  if (lines.length === 2) lines.push(ctx.t("review.no_registrations"));
  lines.push("", ctx.t("review.booths_left", { left: await boothsLeft(ctx.deps.db, fair.id), capacity: fair.boothCapacity }));
  const keyboard = new InlineKeyboard().text("⬇️ Excel (.xlsx)", callbackData.exportFair(fair.id, "xlsx")).text("⬇️ CSV", callbackData.exportFair(fair.id, "csv"));
  await ctx.reply(lines.join("\n"), { parse_mode: "HTML", reply_markup: keyboard });
});

staffRegistrationsFeature.callbackQuery(callbackPattern.exportFair, async (ctx) => {
  if (!(await ensureStaff(ctx))) return;
  await acknowledge(ctx);
  const format = ctx.match[1] as "xlsx" | "csv";
  const { catalog } = await ctx.deps.catalog.get();
  const fair = catalog.fairs.get(ctx.match[2]!);
  if (!fair) return void (await ctx.reply(ctx.t("common.not_found")));
  const { t, locale } = ctx;
  const table = registrationTable(await listFairRegistrations(ctx.deps.db, fair.id), {
    headers: Object.fromEntries(COLUMN_KEYS.map((key) => [key, t(`review.column.${key}`)])) as Record<(typeof COLUMN_KEYS)[number], string>,
    statusLabel: (status) => t(`registration.status.${status}`),
    sectorName: (id) => catalog.sectors.get(id)?.name[locale] ?? id,
    licenceLabel: (kind) => t(`registration.licence.${kind ?? "none"}`),
    countryLabel: (country) => t(`signup.country.${country}`),
    zone: ctx.deps.config.timezone,
  });
  const data = format === "xlsx" ? await toXlsx(table, fair.name[locale]) : toCsv(table);
  const caption = t("review.export_caption", { fair: fair.name[locale], count: table.rows.length });
  await ctx.replyWithDocument(new InputFile(data, `registrations-${fair.id}.${format}`), { caption, parse_mode: "HTML" });
});
