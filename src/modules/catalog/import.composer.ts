import { Composer } from "grammy";
import type { BotContext } from "../../bot/context.js";
import { formatDateTimeIn } from "../../domain/dates.js";
import { downloadBytes, TooBigError } from "../../platform/telegram/download.js";
import { escapeHtml } from "../../platform/telegram/html.js";
import { sendView } from "../../platform/telegram/send.js";
import { isStaffNow, staffOnly } from "../staff/access.service.js";
import { recordAudit } from "../staff/audit.service.js";
import { decodeDatasetFile, isDatasetFileName, readDatasetFile } from "./dataset-file.js";
import { ImportError, importDataset, parseDataset } from "./dataset-import.service.js";

/**
 * /import: staff send a JSON dataset or a CSV of fairs or gates as a document, in a private chat.
 * Same validation as `npm run import`: all of the file or nothing, with every problem listed.
 */
export const importComposer = new Composer<BotContext>();

const MAX_BYTES = 5 * 1024 * 1024;
const MAX_PROBLEMS_SHOWN = 40;
const FORCE_CAPTION = "force";

importComposer.command("import", staffOnly(), async (ctx) => {
  await ctx.reply(ctx.t("staff.import.how"), { parse_mode: "HTML" });
});

importComposer.chatType("private").on("message:document", async (ctx, next) => {
  // A document sent while a form is open (a licence in the sign-up) is the form's, not an import.
  if (!(await isStaffNow(ctx)) || Object.keys(ctx.conversation.active()).length > 0) return next();
  const { db, clock, config, logger } = ctx.deps;
  const document = ctx.message.document;
  const fileName = document.file_name ?? "";
  if (!isDatasetFileName(fileName)) return ctx.reply(ctx.t("staff.import.wrong_type"));
  if ((document.file_size ?? 0) > MAX_BYTES) {
    return ctx.reply(
      ctx.t("staff.import.too_big", { size: ((document.file_size ?? 0) / 1048576).toFixed(1), limit: MAX_BYTES / 1048576 }),
    );
  }

  let bytes: Uint8Array;
  try {
    const file = await ctx.getFile();
    bytes = await downloadBytes(`${config.telegramApiRoot}/file/bot${ctx.api.token}/${file.file_path}`, {
      maxBytes: MAX_BYTES,
      timeoutMs: config.apiTimeoutSeconds * 1000,
    });
  } catch (error) {
    if (error instanceof TooBigError) return ctx.reply(ctx.t("staff.import.over_limit", { limit: MAX_BYTES / 1048576 }));
    logger.warn({ err: error }, "import: could not download the file");
    return ctx.reply(ctx.t("staff.import.download_failed"));
  }

  const now = clock();
  let summary: Awaited<ReturnType<typeof importDataset>>;
  try {
    const data = readDatasetFile(fileName, decodeDatasetFile(bytes), config.timezone);
    // Sent again with the caption "force", a file older than the data is imported all the same.
    const overwriteNewer = ctx.message.caption?.trim().toLowerCase() === FORCE_CAPTION;
    summary = await importDataset(db, parseDataset(data), now, { overwriteNewer });
  } catch (error) {
    if (error instanceof ImportError) return reportProblems(ctx, fileName, error, now);
    // The import is one transaction: when it throws, nothing was written.
    logger.error({ err: error, file: fileName }, "import failed");
    return ctx.reply(ctx.t("staff.import.not_done", { file: escapeHtml(fileName) }), { parse_mode: "HTML" });
  }
  // From here the data is in: whatever fails next, staff are told it was imported.
  await recordAudit(db, { actorId: ctx.from.id, action: "import", target: fileName, details: summary }, now).catch(
    (error: unknown) => logger.error({ err: error, file: fileName }, "import done, but its audit entry was not written"),
  );
  await ctx.reply(
    ctx.t("staff.import.done", {
      file: fileName,
      sectors: summary.sectors,
      contacts: summary.contacts,
      gates: summary.gates,
      fairs: summary.fairs,
      new: summary.newFairIds.length,
    }),
    { parse_mode: "HTML" },
  );
});

async function reportProblems(ctx: BotContext, fileName: string, error: ImportError, now: Date): Promise<void> {
  const { db, logger } = ctx.deps;
  await recordAudit(
    db,
    { actorId: ctx.from!.id, action: "import.refused", target: fileName, details: { problems: error.problems.length } },
    now,
  ).catch((failure: unknown) => logger.warn({ err: failure }, "import refused; its audit entry was not written"));
  const shown = error.problems
    .slice(0, MAX_PROBLEMS_SHOWN)
    .map(
      (p) =>
        `• <code>${escapeHtml(p.record)}</code> ${escapeHtml(p.field)}: ${p.translation ? ctx.t(p.translation.key, p.translation.values) : escapeHtml(p.message)}`,
    );
  const more = error.problems.length - shown.length;
  const lines = [ctx.t("staff.import.failed", { file: fileName, count: error.problems.length }), "", ...shown];
  if (more > 0) lines.push(ctx.t("staff.import.more", { count: more }));
  if (error.newerHere) {
    const exported = formatDateTimeIn(error.newerHere.exportedAt, ctx.deps.config.timezone, ctx.locale);
    lines.push("", ctx.t("staff.import.older_file", { exported, force: FORCE_CAPTION }));
  }
  await sendView(ctx, { text: lines.join("\n") });
}
