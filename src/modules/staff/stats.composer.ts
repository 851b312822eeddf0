import { Composer } from "grammy";
import type { BotContext } from "../../bot/context.js";
import { LOCALES } from "../../domain/locale.js";
import { staffOnly } from "./access.service.js";
import { recordAudit } from "./audit.service.js";
import { collectStats } from "./stats.service.js";

/** /stats (staff): users by language and activity, fairs, registrations, the outbox. */
export const statsComposer = new Composer<BotContext>();

statsComposer.command("stats", staffOnly(), async (ctx) => {
  const { db, clock, config } = ctx.deps;
  const now = clock();
  const s = await collectStats(db, now, config.timezone, config.defaultLocale);
  const t = ctx.t;
  const lines = [
    t("staff.stats.title"),
    "",
    t("staff.stats.users", { total: s.users.total, active: s.users.active, inactive: s.users.inactive, staff: s.users.staff }),
    ...LOCALES.map((l) => t("staff.stats.language", { language: t(`broadcast.languages.${l}`), count: s.users.byLocale[l] })),
    t("staff.stats.fairs", { total: s.fairs.total, upcoming: s.fairs.upcoming }),
  ];
  if (s.registrations) {
    const parts = Object.entries(s.registrations).map(([status, n]) => `${t(`broadcast.status.${status}`)}: ${n}`);
    lines.push(t("staff.stats.registrations", { figures: parts.join(t("common.separator")) || "0" }));
  }
  lines.push(
    t("staff.stats.outbox", {
      queued: s.outbox.queued + s.outbox.sending,
      sent: s.outbox.sent,
      failed: s.outbox.failed,
      blocked: s.outbox.blocked,
    }),
    t("staff.stats.broadcasts", { total: s.broadcasts.total, running: s.broadcasts.running }),
  );
  await recordAudit(db, { actorId: ctx.from!.id, action: "stats.view" }, now);
  await ctx.reply(lines.join("\n"), { parse_mode: "HTML" });
});
