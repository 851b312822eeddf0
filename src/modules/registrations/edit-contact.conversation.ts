import { InlineKeyboard } from "grammy";
import { ask, show } from "../../bot/ask.js";
import type { BotConversation, ConversationContext } from "../../bot/context.js";
import { registrationNotifier, registrationView } from "./notices.js";
import { updateContact } from "./owner.service.js";
import { registrationCard } from "./registration.views.js";
import { findRegistration } from "./registrations.repository.js";
import { textReader } from "./signup-readers.js";
import { normalizePhone, validateEmail, validateName } from "./validation.js";

export const EDIT_CONTACT = "edit-contact";

const CONTACT_FIELDS = ["contact_person", "phone", "email"] as const;

/** The applicant corrects the contact person, phone or e-mail of one of their registrations. */
export async function editContact(conversation: BotConversation, ctx: ConversationContext, id: number): Promise<void> {
  // Someone else's registration looks exactly like a missing one: nothing about it (that it
  // exists, its country in the phone question) is shown before the owner is checked.
  const country = await conversation.external(async (outer) => {
    const row = await findRegistration(ctx.deps.db, id);
    return row && row.user_id === outer.from?.id ? row.country : null;
  });
  if (country === null) return void (await show(ctx, { text: ctx.t("common.not_found") }));
  const fieldPrompt = () => {
    const keyboard = new InlineKeyboard();
    for (const field of CONTACT_FIELDS) keyboard.text(ctx.t(`registration.edit.${field}`), `su:contact:${field}`).row();
    return { text: ctx.t("registration.edit.ask_field"), keyboard: keyboard.text(ctx.t("signup.cancel_button"), "su:cancel") };
  };
  const field = await ask(conversation, ctx, fieldPrompt, (answer) => {
    const value = /^su:contact:(\w+)$/.exec(answer.callbackQuery?.data ?? "")?.[1];
    return CONTACT_FIELDS.includes(value as never) ? { value: value as (typeof CONTACT_FIELDS)[number] } : undefined;
  });
  if (field === "cancelled") return void (await show(ctx, { text: ctx.t("registration.edit.cancelled") }));
  const validator =
    field === "phone" ? (text: string) => normalizePhone(text, country) : field === "email" ? validateEmail : validateName;
  const promptKey =
    field === "phone" ? `signup.ask_phone.${country}` : field === "email" ? "signup.ask_email" : "signup.ask_contact_person";
  const keyboard = new InlineKeyboard().text(ctx.t("signup.cancel_button"), "su:cancel");
  const value = await ask(conversation, ctx, () => ({ text: ctx.t(promptKey), keyboard }), textReader(validator, ctx));
  if (value === "cancelled") return void (await show(ctx, { text: ctx.t("registration.edit.cancelled") }));
  const card = await conversation.external(async (outer) => {
    const notify = await registrationNotifier(ctx.deps);
    const result = await updateContact(ctx.deps.db, id, outer.from!.id, { [field]: value }, ctx.deps.clock(), notify);
    if (result.kind !== "done") return null;
    return registrationCard(await registrationView(ctx.deps, ctx.locale), result.registration);
  });
  await show(ctx, { text: card ? `${ctx.t("registration.edit.saved")}\n\n${card}` : ctx.t("registration.edit.not_allowed") });
}
