import type { Catalog } from "../../domain/catalog.js";
import { formatDateTimeIn } from "../../domain/dates.js";
import type { Locale } from "../../domain/locale.js";
import { provinceName } from "../../domain/province.js";
import type { Translate } from "../../domain/translate.js";
import type { BroadcastRow } from "../../platform/db/schema.js";
import type { I18n } from "../../platform/telegram/i18n.js";
import type { Audience } from "./audience.service.js";
import type { BroadcastProgress } from "./broadcasts.service.js";
import type { ProgressTexts } from "./progress.js";

/** "45 s", "3 min 20 s", "2 h 5 min", in the reader's language. */
export function formatDuration(t: Translate, seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return t("outbox.seconds", { s });
  if (s < 3600) return t("outbox.minutes", { m: Math.floor(s / 60), s: s % 60 });
  return t("outbox.hours", { h: Math.floor(s / 3600), m: Math.floor((s % 3600) / 60) });
}

/** Who a broadcast went to, in words. */
export function audienceLabel(t: Translate, locale: Locale, catalog: Catalog, audience: Audience): string {
  switch (audience.type) {
    case "all":
      return t("broadcast.audience.all");
    case "subscribers":
      return t("broadcast.audience.subscribers_of", {
        fair: catalog.fairs.get(audience.fairId)?.name[locale] ?? audience.fairId,
      });
    case "registrants": {
      const fair = catalog.fairs.get(audience.fairId)?.name[locale] ?? audience.fairId;
      const statuses = audience.statuses.map((s) => t(`broadcast.status.${s}`)).join(t("common.separator"));
      return t("broadcast.audience.registrants_of", { fair, statuses: statuses || t("broadcast.status.any") });
    }
    case "sector":
      return t("broadcast.audience.sector_of", {
        sector: catalog.sectors.get(audience.sectorId)?.name[locale] ?? audience.sectorId,
      });
    case "province":
      return t("broadcast.audience.province_of", { province: provinceName(t, audience.province) });
    case "language":
      return t("broadcast.audience.language_of", { language: t(`broadcast.languages.${audience.locale}`) });
  }
}

/** The status message's texts, for the progress job. */
export function progressTexts(i18n: I18n, timezone: string): ProgressTexts {
  return {
    running(broadcast: BroadcastRow, p: BroadcastProgress, etaSeconds: number | undefined, locale: Locale) {
      const t = i18n.translator(locale);
      if (etaSeconds === undefined) {
        return t("outbox.scheduled", {
          id: broadcast.id,
          when: formatDateTimeIn(broadcast.send_at, timezone, locale),
          total: p.total,
        });
      }
      return t("outbox.running", {
        id: broadcast.id,
        sent: p.sent,
        total: p.total,
        failed: p.failed,
        blocked: p.blocked,
        eta: formatDuration(t, etaSeconds),
      });
    },
    final(broadcast: BroadcastRow, p: BroadcastProgress, locale: Locale) {
      const t = i18n.translator(locale);
      const figures = { id: broadcast.id, sent: p.sent, total: p.total, failed: p.failed, blocked: p.blocked };
      if (broadcast.status === "cancelled") return t("outbox.cancelled", { ...figures, dropped: p.cancelled });
      const started = Date.parse(broadcast.started_at ?? broadcast.send_at);
      const finished = Date.parse(broadcast.finished_at ?? broadcast.send_at);
      return t("outbox.done", { ...figures, duration: formatDuration(t, (finished - started) / 1000) });
    },
  };
}
