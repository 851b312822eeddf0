import { BEIJING_ZONE, daysUntilDeadline, formatDateTimeIn, VIETNAM_ZONE } from "./dates.js";
import type { Locale } from "./locale.js";
import type { Translate } from "./translate.js";

/** "7 days left", "today is the last day" or "closed". */
export function deadlineStatus(t: Translate, deadline: string, now: Date, zone: string): string {
  const days = daysUntilDeadline(deadline, now, zone);
  if (days === null) return t("deadline.closed");
  if (days === 0) return t("deadline.today");
  return days === 1 ? t("deadline.left_one") : t("deadline.left_other", { days });
}

/** The deadline's wall-clock time on both sides of the border. */
export const deadlineTimes = (deadline: string, locale: Locale) => ({
  vn: formatDateTimeIn(deadline, VIETNAM_ZONE, locale),
  cn: formatDateTimeIn(deadline, BEIJING_ZONE, locale),
});
