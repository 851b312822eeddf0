import { InlineKeyboard } from "grammy";
import type { Kysely } from "kysely";
import type { BotDeps } from "../../bot/context.js";
import type { Catalog } from "../../domain/catalog.js";
import type { Locale } from "../../domain/locale.js";
import type { Database, RegistrationRow } from "../../platform/db/schema.js";
import type { InlineMarkup, OutgoingMessage } from "../../platform/outbox/message.js";
import { type QueuedMessage, queueMessages } from "../../platform/outbox/queue.js";
import { findUser, listAdminIds, userLocale } from "../people/people.service.js";
import type { Notice } from "./notice.js";
import { fairName, type RegistrationViewContext, registrationCard } from "./registration.views.js";
import { decisionButton, myRegistrationsButton, offerButton } from "./registrations.callbacks.js";
import { findRegistration } from "./registrations.repository.js";

type NoticeDeps = Pick<BotDeps, "config" | "i18n" | "catalog" | "outbox">;

const markup = (keyboard: InlineKeyboard): InlineMarkup | undefined =>
  keyboard.inline_keyboard.some((row) => row.length > 0) ? (keyboard as unknown as InlineMarkup) : undefined;

const html = (text: string, keyboard: InlineKeyboard): OutgoingMessage => ({
  type: "text",
  text,
  html: true,
  markup: markup(keyboard),
});

/** The other account's registration a sign-up may duplicate, as staff see it. */
interface DuplicateOf {
  reference: string;
  account: string;
}

function staffMessage(
  view: RegistrationViewContext,
  notice: Extract<Notice, { to: "staff" }>,
  duplicate?: DuplicateOf,
): OutgoingMessage {
  const { t } = view;
  const { registration } = notice;
  const keyboard = new InlineKeyboard();
  if (registration.status === "pending") {
    keyboard
      .text(t("review.approve_button"), decisionButton.pack("ok", registration.id))
      .text(t("review.reject_button"), decisionButton.pack("no", registration.id));
  }
  if (registration.licence_file_id) keyboard.row().text(t("review.licence_button"), decisionButton.pack("lic", registration.id));
  const flag = duplicate ? `\n\n${t("review.duplicate", { ...duplicate })}` : "";
  return html(`${t(`review.event.${notice.event}`)}\n\n${registrationCard(view, registration)}${flag}`, keyboard);
}

function applicantMessage(view: RegistrationViewContext, notice: Extract<Notice, { to: "applicant" }>): OutgoingMessage {
  const { registration } = notice;
  const text = view.t(`registration.outcome.${notice.event}`, {
    reference: registration.reference,
    fair: fairName(view, registration.fair_id),
    reason: registration.reject_reason ?? "",
  });
  return html(text, new InlineKeyboard().text(view.t("registration.mine_button"), myRegistrationsButton.pack()));
}

/** To the owner of a registration another account claimed with the same tax code; nothing of the other account. */
function ownerMessage(view: RegistrationViewContext, registration: RegistrationRow): OutgoingMessage {
  const text = view.t("registration.outcome.duplicate_claim", {
    reference: registration.reference,
    fair: fairName(view, registration.fair_id),
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
      // A claim leaves the owner's row as it was: its moment, not the row's, tells claims apart.
      const at = notice.to === "owner" ? now.getTime() : Date.parse(registration.updated_at);
      const key = `notice:${registration.id}:${notice.to}:${"event" in notice ? notice.event : "offer"}:${at}`;
      if (notice.to === "staff") {
        // Who reviews registrations: STAFF_CHAT_ID if set, else every admin privately.
        const chats = config.staffChatId !== undefined ? [config.staffChatId] : await listAdminIds(trx);
        const duplicate = await duplicateOf(trx, registration);
        for (const chatId of chats) {
          const message = staffMessage(view(await localeOf(chatId)), notice, duplicate);
          messages.push({ chatId, dedupeKey: `${key}:${chatId}`, message });
        }
      } else {
        const chatId = registration.user_id;
        const locale = await localeOf(chatId);
        const message =
          notice.to === "applicant"
            ? applicantMessage(view(locale), notice)
            : notice.to === "owner"
              ? ownerMessage(view(locale), registration)
              : offerMessage(view(locale), registration);
        messages.push({ chatId, dedupeKey: `${key}:${chatId}`, message });
      }
    }
    if (messages.length === 0) return;
    await queueMessages(trx, messages, now);
    // On SQLite the sender's next read waits for this transaction to commit, so it finds the rows.
    deps.outbox?.wake();
  };
}

/** The registration a sign-up may duplicate, with the account that made it (name, @username, id). */
async function duplicateOf(trx: Kysely<Database>, registration: RegistrationRow): Promise<DuplicateOf | undefined> {
  if (registration.duplicate_of === null) return undefined;
  const other = await findRegistration(trx, registration.duplicate_of);
  if (!other) return undefined;
  const user = await findUser(trx, other.user_id);
  const name = [user?.first_name, user?.username ? `@${user.username}` : undefined].filter(Boolean).join(" ");
  return { reference: other.reference, account: name ? `${name} · ${other.user_id}` : String(other.user_id) };
}

/** The registration view in a language, outside any transaction (cards shown in chat). */
export async function registrationView(
  deps: Pick<BotDeps, "config" | "i18n" | "catalog">,
  locale: Locale,
): Promise<RegistrationViewContext> {
  const catalog = await deps.catalog.get();
  return { t: deps.i18n.translator(locale), locale, catalog, timezone: deps.config.timezone };
}
