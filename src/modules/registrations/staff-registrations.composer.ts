import { Composer, InlineKeyboard, InputFile } from "grammy";
import type { BotContext } from "../../bot/context.js";
import { type PlaceUnit, placeUnit, unitKey } from "../../domain/catalog.js";
import { todayIn } from "../../domain/dates.js";
import { toCsv, toXlsx } from "../../platform/files/spreadsheet.js";
import { showInPlace } from "../../platform/telegram/edit.js";
import { acknowledge, sendView } from "../../platform/telegram/send.js";
import { recordAudit } from "../staff/audit.service.js";
import { registrationView } from "./notices.js";
import { COLUMN_KEYS, registrationTable } from "./registration-export.js";
import { deskDecisionButton, deskPageButton, exportFairButton, staffFairButton } from "./registrations.callbacks.js";
import { findRegistration, listFairRegistrations } from "./registrations.repository.js";
import { REJECT } from "./reject.conversation.js";
import { alreadyDecided, approve, replyWithLicence, staffOnlyHere } from "./review.composer.js";
import { loadDeskPage } from "./review-desk.service.js";
import { deskView } from "./review-desk.views.js";

/**
 * The review desk, /registrations: a fair → its counts, places left, and its registrations (those
 * waiting for a decision first), a page at a time, each with Approve, Reject and View licence;
 * exports as .xlsx and .csv.
 */
export const staffRegistrationsComposer = new Composer<BotContext>();

/**
 * The desk shows companies' contacts and licences: only in a private chat with a staff member, or
 * in the staff chat, never in another group a staff member happens to be in.
 */
const reviewChatOnly = async (ctx: BotContext, next: () => Promise<void>) => {
  if (ctx.chat?.type === "private" || ctx.chat?.id === ctx.deps.config.staffChatId) return next();
  if (ctx.callbackQuery) return acknowledge(ctx, ctx.t("review.desk_private_only"));
  await ctx.reply(ctx.t("review.desk_private_only"));
};

staffRegistrationsComposer.command("registrations", staffOnlyHere, reviewChatOnly, async (ctx) => {
  const catalog = await ctx.deps.catalog.get();
  const today = todayIn(ctx.deps.clock(), ctx.deps.config.timezone);
  const fairs = [...catalog.fairs.values()].filter((f) => f.endsOn >= today).sort((a, b) => a.startsOn.localeCompare(b.startsOn));
  const keyboard = InlineKeyboard.from(
    fairs.map((fair) => [InlineKeyboard.text(fair.name[ctx.locale], staffFairButton.pack(fair.id))]),
  );
  await ctx.reply(ctx.t(fairs.length ? "review.choose_fair" : "fairs.none"), { reply_markup: keyboard });
});

/** A page of the desk: sent as a new message, or drawn over the message whose button was pressed. */
async function showDesk(ctx: BotContext, fairId: string, page: number, mode: "reply" | "edit"): Promise<void> {
  const fair = (await ctx.deps.catalog.get()).fairs.get(fairId);
  if (!fair) return void (await ctx.reply(ctx.t("common.not_found")));
  const desk = await loadDeskPage(ctx.deps.db, fair, page, ctx.deps.config.defaultLocale);
  const { text, keyboard } = deskView(await registrationView(ctx.deps, ctx.locale), desk);
  if (mode === "edit") return showInPlace(ctx, { text, keyboard });
  await sendView(ctx, { text, keyboard });
}

staffRegistrationsComposer.callbackQuery(staffFairButton.pattern, staffOnlyHere, reviewChatOnly, async (ctx) => {
  await acknowledge(ctx);
  await showDesk(ctx, ctx.match[1]!, 0, "reply");
});

staffRegistrationsComposer.callbackQuery(deskPageButton.pattern, staffOnlyHere, reviewChatOnly, async (ctx) => {
  await acknowledge(ctx);
  const [fairId, page] = deskPageButton.read(ctx.match);
  await showDesk(ctx, fairId, page, "edit");
});

staffRegistrationsComposer.callbackQuery(deskDecisionButton.pattern, staffOnlyHere, reviewChatOnly, async (ctx) => {
  const [action, id, page] = deskDecisionButton.read(ctx.match);
  const current = await findRegistration(ctx.deps.db, id);
  if (!current) return acknowledge(ctx, ctx.t("common.not_found"));
  if (action === "lic") {
    await acknowledge(ctx);
    return replyWithLicence(ctx, current);
  }
  if (current.status !== "pending") {
    await acknowledge(ctx, alreadyDecided(ctx, current));
    return showDesk(ctx, current.fair_id, page, "edit");
  }
  if (action === "no") {
    await acknowledge(ctx);
    await ctx.conversation.exitAll();
    const messageId = ctx.callbackQuery.message?.message_id;
    return ctx.conversation.enter(REJECT, id, current.reference, { fairId: current.fair_id, page, messageId });
  }
  const result = await approve(ctx, id);
  const toast =
    result.kind === "decided"
      ? ctx.t("review.approved", { reference: current.reference, name: ctx.from.first_name })
      : result.kind === "not_pending"
        ? alreadyDecided(ctx, result.registration)
        : ctx.t("common.not_found");
  await acknowledge(ctx, toast);
  await showDesk(ctx, current.fair_id, page, "edit");
});

/** A column's header: at a seminar the booths column counts seats, and offers are of seats. */
const columnKey = (key: string, unit: PlaceUnit) =>
  key === "booths" || key === "offerExpiresAt" ? unitKey(`review.column.${key}`, unit) : `review.column.${key}`;

staffRegistrationsComposer.callbackQuery(exportFairButton.pattern, staffOnlyHere, reviewChatOnly, async (ctx) => {
  await acknowledge(ctx);
  const [format, fairId] = exportFairButton.read(ctx.match);
  const catalog = await ctx.deps.catalog.get();
  const fair = catalog.fairs.get(fairId);
  if (!fair) return void (await ctx.reply(ctx.t("common.not_found")));
  const { t, locale } = ctx;
  const table = registrationTable(await listFairRegistrations(ctx.deps.db, fair.id), {
    headers: Object.fromEntries(COLUMN_KEYS.map((key) => [key, t(columnKey(key, placeUnit(fair.kind)))])) as Record<
      (typeof COLUMN_KEYS)[number],
      string
    >,
    statusLabel: (status) => t(`registration.status.${status}`),
    sectorName: (id) => catalog.sectors.get(id)?.name[locale] ?? id,
    licenceLabel: (kind) => t(`registration.licence.${kind ?? "none"}`),
    countryLabel: (country) => t(`signup.country.${country}`),
    rejectLabel: (code) => t(`review.reject_reason.${code}`),
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
