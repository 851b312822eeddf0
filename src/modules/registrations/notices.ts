import { InlineKeyboard } from "grammy";
import type { Kysely } from "kysely";
import type { BotDeps } from "../../bot/context.js";
import { type Catalog, unitKey } from "../../domain/catalog.js";
import type { Locale } from "../../domain/locale.js";
import type { Database, RegistrationRow } from "../../platform/db/schema.js";
import { editKey, listMessageKeys, type QueuedEdit, queueEdits } from "../../platform/outbox/edits.js";
import type { InlineMarkup, OutgoingMessage } from "../../platform/outbox/message.js";
import { type QueuedMessage, queueMessages } from "../../platform/outbox/queue.js";
import { listAdminIds, userLocale } from "../people/people.service.js";
import type { Notice } from "./notice.js";
import { fairName, type RegistrationViewContext, registrationCard, rejectionLines, unitOf } from "./registration.views.js";
import { mineButton, myRegistrationsButton, offerButton } from "./registrations.callbacks.js";
import { findRegistration } from "./registrations.repository.js";
import { type StaffFacts, staffCard, staffFacts, staffKeyboard } from "./staff-card.js";

type NoticeDeps = Pick<BotDeps, "config" | "i18n" | "catalog" | "outbox">;

const markup = (keyboard: InlineKeyboard): InlineMarkup | undefined =>
  keyboard.inline_keyboard.some((row) => row.length > 0) ? (keyboard as unknown as InlineMarkup) : undefined;

const html = (text: string, keyboard: InlineKeyboard): OutgoingMessage => ({
  type: "text",
  text,
  html: true,
  markup: markup(keyboard),
});

/** A staff notice: what happened, then the registration as staff read it, with the buttons its status allows. */
function staffMessage(
  view: RegistrationViewContext,
  event: string,
  registration: RegistrationRow,
  facts: StaffFacts,
): OutgoingMessage {
  const text = `${view.t(`review.event.${event}`)}\n\n${staffCard(view, registration, facts)}`;
  return html(text, staffKeyboard(view.t, registration));
}

function applicantMessage(view: RegistrationViewContext, notice: Extract<Notice, { to: "applicant" }>): OutgoingMessage {
  const { registration } = notice;
  const text = view.t(`registration.outcome.${notice.event}`, {
    reference: registration.reference,
    fair: fairName(view, registration.fair_id),
  });
  const why = notice.event === "rejected" ? rejectionLines(view.t, registration) : [];
  const keyboard = new InlineKeyboard();
  // A rejected company can put it right without starting over.
  if (notice.event === "rejected") keyboard.text(view.t("registration.fix_button"), mineButton.pack("f", registration.id)).row();
  return html([text, ...why].join("\n"), keyboard.text(view.t("registration.mine_button"), myRegistrationsButton.pack()));
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
  const title = t(unitKey("registration.offer_title", unitOf(view, offer.fair_id)));
  return html(`${title}\n\n${registrationCard(view, offer)}`, keyboard);
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
    // Staff notices sent earlier about these registrations are brought up to date (see queueEdits).
    const edits = await staffEdits(trx, notices, view, localeOf, now, config.defaultLocale, config.staffChatId);
    for (const notice of notices) {
      if (notice.to === "update") continue;
      const { registration } = notice;
      // A claim leaves the owner's row as it was: its moment, not the row's, tells claims apart.
      const at = notice.to === "owner" ? now.getTime() : Date.parse(registration.updated_at);
      const key = `notice:${registration.id}:${notice.to}:${"event" in notice ? notice.event : "offer"}:${at}`;
      if (notice.to === "staff") {
        // Who reviews registrations: STAFF_CHAT_ID if set, else every admin privately.
        const chats = config.staffChatId !== undefined ? [config.staffChatId] : await listAdminIds(trx);
        const facts = await staffFacts(trx, registration, config.defaultLocale);
        for (const chatId of chats) {
          const message = staffMessage(view(await localeOf(chatId)), notice.event, registration, facts);
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
    if (messages.length === 0 && edits.length === 0) return;
    await queueEdits(trx, edits, now);
    await queueMessages(trx, messages, now);
    // On SQLite the sender's next read waits for this transaction to commit, so it finds the rows.
    deps.outbox?.wake();
  };
}

/** The staff notice key: `notice:<registration>:staff:<event>:<moment>:<chat>`; its event heads any later version. */
const staffNoticePrefix = (id: number) => `notice:${id}:staff:`;

/** A new version of every staff notice sent earlier about the registrations of `notices`, as they are now. */
async function staffEdits(
  trx: Kysely<Database>,
  notices: Notice[],
  view: (locale: Locale) => RegistrationViewContext,
  localeOf: (chatId: number) => Promise<Locale>,
  now: Date,
  fallback: Locale,
  staffChatId: number | undefined,
): Promise<QueuedEdit[]> {
  const latest = new Map(notices.map((notice) => [notice.registration.id, notice.registration]));
  const edits: QueuedEdit[] = [];
  // Only chats that review registrations now: an admin since demoted hears no more of them.
  const staffChats = new Set(staffChatId !== undefined ? [staffChatId] : await listAdminIds(trx));
  for (const [id, stale] of latest) {
    const keys = await listMessageKeys(trx, staffNoticePrefix(id));
    if (keys.length === 0) continue;
    const registration = (await findRegistration(trx, id)) ?? stale;
    const facts = await staffFacts(trx, registration, fallback);
    for (const key of keys) {
      const [, , , event, , chat] = key.split(":");
      if (!staffChats.has(Number(chat))) continue;
      // Once decided, "please review" no longer heads it: the status line says what became of it.
      const heading = registration.status === "pending" ? event! : "settled";
      const message = staffMessage(view(await localeOf(Number(chat))), heading, registration, facts);
      if (message.type !== "text") continue;
      edits.push({ of: key, dedupeKey: editKey(key, now), html: message.text, markup: message.markup });
    }
  }
  return edits;
}

/** The registration view in a language, outside any transaction (cards shown in chat). */
export async function registrationView(
  deps: Pick<BotDeps, "config" | "i18n" | "catalog">,
  locale: Locale,
): Promise<RegistrationViewContext> {
  const catalog = await deps.catalog.get();
  return { t: deps.i18n.translator(locale), locale, catalog, timezone: deps.config.timezone };
}
