import { type Api, InlineKeyboard } from "grammy";
import type { Locale } from "../../config.js";
import { findUser, listAdminIds } from "../people/users.repository.js";
import type { RegistrationRow } from "../../platform/db/schema.js";
import { localeFromLanguageCode } from "../../domain/locale.js";
import { callbackData } from "../catalog/catalog.callbacks.js";
import type { BotDeps } from "../../bot/context.js";
import { isLocale } from "../../platform/telegram/i18n.js";
import { type RegistrationViewContext, registrationCard } from "./registration.views.js";

/** The language a user reads: their choice, else their Telegram language, else the default. */
export async function userLocale(deps: BotDeps, userId: number): Promise<Locale> {
  const user = await findUser(deps.db, userId);
  return isLocale(user?.language) ? user.language : localeFromLanguageCode(user?.language_code ?? undefined, deps.config.defaultLocale);
}

export async function registrationView(deps: BotDeps, locale: Locale): Promise<RegistrationViewContext> {
  const { catalog } = await deps.catalog.get();
  return { t: deps.i18n.translator(locale), locale, catalog, timezone: deps.config.timezone };
}

const HTML = { parse_mode: "HTML", link_preview_options: { is_disabled: true } } as const;

/** Sends without failing the caller: a notification that cannot go out is logged, not fatal. */
async function deliver(api: Api, deps: BotDeps, chatId: number, text: string, keyboard?: InlineKeyboard): Promise<void> {
  await api.sendMessage(chatId, text, { ...HTML, reply_markup: keyboard }).catch((error: unknown) => {
    deps.logger.warn({ err: error, chatId }, "notification not delivered");
  });
}

/** Who reviews registrations: STAFF_CHAT_ID if set, else every admin privately. */
async function staffChats(deps: BotDeps): Promise<number[]> {
  return deps.config.staffChatId !== undefined ? [deps.config.staffChatId] : listAdminIds(deps.db);
}

export type StaffEvent = "new" | "updated" | "cancelled" | "accepted";

/** Tells the staff about a registration; pending ones come with Approve / Reject buttons. */
export async function notifyStaff(api: Api, deps: BotDeps, registration: RegistrationRow, event: StaffEvent): Promise<void> {
  for (const chatId of await staffChats(deps)) {
    const locale = chatId === deps.config.staffChatId ? deps.config.defaultLocale : await userLocale(deps, chatId);
    const view = await registrationView(deps, locale);
    const { t } = view;
    const keyboard = new InlineKeyboard();
    if (registration.status === "pending") {
      keyboard.text(t("review.approve_button"), callbackData.approve(registration.id)).text(t("review.reject_button"), callbackData.reject(registration.id));
    }
    if (registration.licence_file_id) keyboard.row().text(t("review.licence_button"), callbackData.licence(registration.id));
    await deliver(api, deps, chatId, `${t(`review.event.${event}`)}\n\n${registrationCard(view, registration)}`, keyboard);
  }
}

export type ApplicantEvent = "approved" | "rejected" | "expired";

/** Tells the applicant what happened to their registration, in their language. */
export async function notifyApplicant(api: Api, deps: BotDeps, registration: RegistrationRow, event: ApplicantEvent): Promise<void> {
  const view = await registrationView(deps, await userLocale(deps, registration.user_id));
  const text = view.t(`registration.outcome.${event}`, {
    reference: registration.reference,
    fair: view.catalog.fairs.get(registration.fair_id)?.name[view.locale] ?? registration.fair_id,
    reason: registration.reject_reason ?? "",
  });
  await deliver(api, deps, registration.user_id, text, new InlineKeyboard().text(view.t("registration.mine_button"), callbackData.myRegistrations()));
}

/** Offers freed booths to waitlisted applicants, each with Accept / Decline. */
export async function sendOffers(api: Api, deps: BotDeps, offers: RegistrationRow[]): Promise<void> {
  for (const offer of offers) {
    const view = await registrationView(deps, await userLocale(deps, offer.user_id));
    const { t } = view;
    const keyboard = new InlineKeyboard().text(t("registration.accept_button"), callbackData.acceptOffer(offer.id)).text(t("registration.decline_button"), callbackData.declineOffer(offer.id));
    await deliver(api, deps, offer.user_id, `${t("registration.offer_title")}\n\n${registrationCard(view, offer)}`, keyboard);
  }
}
