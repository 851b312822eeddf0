import { InlineKeyboard } from "grammy";
import type { Kysely } from "kysely";
import type { BotDeps } from "../../bot/context.js";
import type { Catalog } from "../../domain/catalog.js";
import type { Locale } from "../../domain/locale.js";
import type { Database, RegistrationRow } from "../../platform/db/schema.js";
import type { InlineMarkup, OutgoingMessage } from "../../platform/outbox/message.js";
import { type QueuedMessage, queueMessages } from "../../platform/outbox/queue.js";
import { listAdminIds, userLocale } from "../people/people.service.js";
import type { Notice } from "./notice.js";
import { type RegistrationViewContext, registrationCard } from "./registration.views.js";
import { decisionButton, myRegistrationsButton, offerButton } from "./registrations.callbacks.js";

type NoticeDeps = Pick<BotDeps, "config" | "i18n" | "catalog" | "outbox">;

const markup = (keyboard: InlineKeyboard): InlineMarkup | undefined =>
  keyboard.inline_keyboard.some((row) => row.length > 0) ? (keyboard as unknown as InlineMarkup) : undefined;

const html = (text: string, keyboard: InlineKeyboard): OutgoingMessage => ({
  type: "text",
  text,
  html: true,
  markup: markup(keyboard),
});

function staffMessage(view: RegistrationViewContext, notice: Extract<Notice, { to: "staff" }>): OutgoingMessage {
  const { t } = view;
  const { registration } = notice;
  const keyboard = new InlineKeyboard();
  if (registration.status === "pending") {
    keyboard
      .text(t("review.approve_button"), decisionButton.pack("ok", registration.id))
      .text(t("review.reject_button"), decisionButton.pack("no", registration.id));
  }
  if (registration.licence_file_id) keyboard.row().text(t("review.licence_button"), decisionButton.pack("lic", registration.id));
  return html(`${t(`review.event.${notice.event}`)}\n\n${registrationCard(view, registration)}`, keyboard);
}

function applicantMessage(view: RegistrationViewContext, notice: Extract<Notice, { to: "applicant" }>): OutgoingMessage {
  const { registration } = notice;
  const text = view.t(`registration.outcome.${notice.event}`, {
    reference: registration.reference,
    fair: view.catalog.fairs.get(registration.fair_id)?.name[view.locale] ?? registration.fair_id,
    reason: registration.reject_reason ?? "",
  });
  return html(text, new InlineKeyboard().text(view.t("registration.mine_button"), myRegistrationsButton.pack()));
}

function offerMessage(view: RegistrationViewContext, offer: RegistrationRow): OutgoingMessage {
  const { t } = view;
  const keyboard = new InlineKeyboard()
    .text(t("registration.accept_button"), offerButton.pack("yes", offer.id))
    .text(t("registration.decline_button"), offerButton.pack("no", offer.id));
  return html(`${t("registration.offer_title")}\n\n${registrationCard(view, offer)}`, keyboard);
}

/**
 * Turns what happened to registrations into messages for those who must hear of it — staff, the
 * applicant, the next in line — each in the reader's language, and queues them in the outbox in
 * the transaction that decided it: a crash after the commit loses none, a rollback sends none.
 * The catalog is read before the transaction (only names come from it).
 */
export async function registrationNotifier(
  deps: NoticeDeps,
): Promise<(trx: Kysely<Database>, notices: Notice[], now: Date) => Promise<void>> {
  const catalog: Catalog = await deps.catalog.get();
  const { config, i18n } = deps;
  const view = (locale: Locale): RegistrationViewContext => ({
    t: i18n.translator(locale),
    locale,
    catalog,
    timezone: config.timezone,
  });
  return async (trx, notices, now) => {
    const messages: QueuedMessage[] = [];
    const localeOf = (chatId: number) =>
      chatId === config.staffChatId ? Promise.resolve(config.defaultLocale) : userLocale(trx, chatId, config.defaultLocale);
    for (const notice of notices) {
      const { registration } = notice;
      const key = `notice:${registration.id}:${notice.to}:${"event" in notice ? notice.event : "offer"}:${Date.parse(registration.updated_at)}`;
      if (notice.to === "staff") {
        // Who reviews registrations: STAFF_CHAT_ID if set, else every admin privately.
        const chats = config.staffChatId !== undefined ? [config.staffChatId] : await listAdminIds(trx);
        for (const chatId of chats) {
          messages.push({ chatId, dedupeKey: `${key}:${chatId}`, message: staffMessage(view(await localeOf(chatId)), notice) });
        }
      } else {
        const chatId = registration.user_id;
        const locale = await localeOf(chatId);
        const message =
          notice.to === "applicant" ? applicantMessage(view(locale), notice) : offerMessage(view(locale), registration);
        messages.push({ chatId, dedupeKey: `${key}:${chatId}`, message });
      }
    }
    if (messages.length === 0) return;
    await queueMessages(trx, messages, now);
    // On SQLite the sender's next read waits for this transaction to commit, so it finds the rows.
    deps.outbox?.wake();
  };
}

/** The registration view in a language, outside any transaction (cards shown in chat). */
export async function registrationView(
  deps: Pick<BotDeps, "config" | "i18n" | "catalog">,
  locale: Locale,
): Promise<RegistrationViewContext> {
  const catalog = await deps.catalog.get();
  return { t: deps.i18n.translator(locale), locale, catalog, timezone: deps.config.timezone };
}
