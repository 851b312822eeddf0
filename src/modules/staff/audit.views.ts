import { InlineKeyboard } from "grammy";
import type { ViewContext } from "../../bot/view-context.js";
import { formatDateTimeIn } from "../../domain/dates.js";
import { clip } from "../../domain/text.js";
import type { View } from "../../platform/telegram/send.js";
import type { AuditLine } from "./audit.repository.js";
import { auditButton } from "./staff.callbacks.js";

export const AUDIT_PAGE_SIZE = 15;
/** A reason may be 500 characters; a page of fifteen must stay one message. */
const REASON_SHOWN = 120;

function actionText(view: ViewContext, line: AuditLine): string {
  const key = `audit.actions.${line.action.replace(/\./g, "_")}`;
  const details = (line.details === null ? {} : JSON.parse(line.details)) as { reason?: string };
  const text = view.t(key, {
    target: (line.target ?? "").replace(/^broadcast:/, "#"),
    recipients: line.recipients ?? 0,
    reason: clip(details.reason ?? "", REASON_SHOWN),
  });
  return text === key ? line.action : text;
}

/** One page of the audit log, newest first; `more` says whether older entries exist. */
export function auditView(view: ViewContext, lines: AuditLine[], more: boolean, first: boolean): View {
  const { t, locale, timezone } = view;
  if (lines.length === 0) return { text: t("audit.empty"), keyboard: new InlineKeyboard() };
  const text = [
    t("audit.title"),
    "",
    ...lines.map((line) =>
      t("audit.line", {
        at: formatDateTimeIn(line.at, timezone, locale),
        actor:
          line.actor_name ?? (line.actor_username ? `@${line.actor_username}` : t("audit.unknown_actor", { id: line.actor_id })),
        action: actionText(view, line),
      }),
    ),
  ].join("\n");
  const keyboard = new InlineKeyboard();
  if (more) keyboard.text(t("audit.older_button"), auditButton.pack(lines.at(-1)!.id));
  if (!first) keyboard.text(t("audit.newest_button"), auditButton.pack(0));
  return { text, keyboard };
}
