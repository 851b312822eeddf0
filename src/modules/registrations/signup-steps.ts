import { InlineKeyboard } from "grammy";
import { ask, type Cancelled, pick, type Reading } from "../../bot/ask.js";
import type { BotConversation, ConversationContext } from "../../bot/context.js";
import { type PlaceUnit, unitKey } from "../../domain/catalog.js";
import { LOCALES } from "../../domain/locale.js";
import type { Country } from "../../domain/registration.js";
import { showButtonsInPlace } from "../../platform/telegram/edit.js";
import { MAX_LICENCE_BYTES, receiveLicence } from "./licence-file.js";
import { findOwnRegistration, listWaitlist } from "./registrations.repository.js";
import { boothsLeft, type RegistrationDraft } from "./registrations.service.js";
import { textPrompt, textReader, type Validator, withCancel } from "./signup-readers.js";
import {
  MAX_BOOTHS_PER_COMPANY,
  normalizePhone,
  validateBooths,
  validateEmail,
  validateName,
  validateTaxId,
} from "./validation.js";

/** What the conversation knows about the chosen fair (plain data: it is stored with the state). */
export interface FairFacts {
  id: string;
  name: string;
  /** Booths, or seats for a seminar; absent in a sign-up begun before seats existed (booths). */
  unit?: PlaceUnit;
  sectors: Array<{ id: string; name: string }>;
}

export interface StepContext {
  conversation: BotConversation;
  ctx: ConversationContext;
  draft: Partial<RegistrationDraft>;
  fair: FairFacts;
}

export type Step = (step: StepContext) => Promise<undefined | Cancelled>;

/** /register during the sign-up shows the current question again instead of starting over. */
export const REPEAT_REGISTER = { repeatCommand: /^\/register(@\w+)?\b/ };

export const FIELDS = ["company", "country", "taxId", "sectors", "booths", "contactPerson", "phone", "email", "licence"] as const;
export type Field = (typeof FIELDS)[number];

const COUNTRIES: Country[] = ["VN", "CN", "other"];
/** A step that asks one text question through a validator and stores the value in the draft. */
function textStep<K extends keyof RegistrationDraft>(
  field: K,
  promptKey: (draft: Partial<RegistrationDraft>) => string,
  validator: (draft: Partial<RegistrationDraft>) => Validator<RegistrationDraft[K]>,
): Step {
  return async ({ conversation, ctx, draft }) => {
    const value = await ask(
      conversation,
      ctx,
      textPrompt(ctx, promptKey(draft)),
      textReader(validator(draft), ctx),
      REPEAT_REGISTER,
    );
    if (value === "cancelled") return value;
    draft[field] = value;
  };
}

const country: Step = async ({ conversation, ctx, draft }) => {
  const prompt = () => {
    const keyboard = new InlineKeyboard();
    for (const code of COUNTRIES) keyboard.text(ctx.t(`signup.country.${code}`), `su:country:${code}`);
    return { text: ctx.t("signup.ask_country"), keyboard: withCancel(ctx, keyboard) };
  };
  const value = await ask(conversation, ctx, prompt, pick(/^su:country:(\w+)$/, COUNTRIES), REPEAT_REGISTER);
  if (value === "cancelled") return value;
  draft.country = value;
};

const taxId: Step = async ({ conversation, ctx, draft, fair }) => {
  const kind = draft.country ?? "other";
  // Tax id messages depend on the country: the Vietnamese one names the MST shapes, and so on.
  const read = textReader(
    (text) => validateTaxId(kind, text),
    ctx,
    (code) => `signup.errors.${code}.${kind}`,
  );
  const value = await ask(conversation, ctx, textPrompt(ctx, `signup.ask_tax_id.${kind}`), read, REPEAT_REGISTER);
  if (value === "cancelled") return value;
  draft.taxId = value;
  // Only the user's own registration is mentioned: a tax code is public, another account's registration is not.
  const existing = await conversation.external(
    async (outer) => (await findOwnRegistration(ctx.deps.db, fair.id, value, outer.from!.id))?.reference ?? null,
  );
  if (existing) await ctx.reply(ctx.t("signup.existing", { reference: existing }), { parse_mode: "HTML" }).catch(() => undefined);
};

const sectors: Step = async ({ conversation, ctx, draft, fair }) => {
  const selected = new Set(draft.sectors ?? []);
  const keyboard = () => {
    const kb = new InlineKeyboard();
    fair.sectors.forEach((sector, i) => {
      kb.text(`${selected.has(sector.id) ? "✅ " : ""}${sector.name}`, `su:sector:${sector.id}`);
      if (i % 2 === 1) kb.row();
    });
    return withCancel(ctx, kb.row().text(ctx.t("signup.done_button"), "su:done"));
  };
  const read = async (answer: ConversationContext): Promise<Reading<string[]>> => {
    const data = answer.callbackQuery?.data ?? "";
    const toggled = /^su:sector:([a-z0-9-]+)$/.exec(data)?.[1];
    if (toggled && fair.sectors.some((s) => s.id === toggled)) {
      if (selected.has(toggled)) selected.delete(toggled);
      else selected.add(toggled);
      await showButtonsInPlace(answer, keyboard()).catch(() => undefined);
      return { again: true };
    }
    if (data === "su:done") return selected.size > 0 ? { value: [...selected] } : { error: ctx.t("signup.errors.sectors_none") };
    return undefined;
  };
  const value = await ask(conversation, ctx, () => ({ text: ctx.t("signup.ask_sectors"), keyboard: keyboard() }), read, {
    ...REPEAT_REGISTER,
    echo: (ids) =>
      fair.sectors
        .filter((s) => ids.includes(s.id))
        .map((s) => s.name)
        .join(ctx.t("common.separator")),
  });
  if (value === "cancelled") return value;
  draft.sectors = fair.sectors.map((s) => s.id).filter((id) => value.includes(id));
};

/** Booths at a fair; at a seminar, conference or forum the people who will attend, counted against its seats. */
const booths: Step = async ({ conversation, ctx, draft, fair }) => {
  const unit = fair.unit ?? "booths";
  for (;;) {
    const left = await conversation.external(() => boothsLeft(ctx.deps.db, fair.id));
    const prompt = textPrompt(ctx, unitKey("signup.ask_booths", unit), { left, max: MAX_BOOTHS_PER_COMPANY });
    const value = await ask(
      conversation,
      ctx,
      prompt,
      textReader(
        (text) => validateBooths(text, MAX_BOOTHS_PER_COMPANY),
        ctx,
        (code) => `signup.errors.${unitKey(code, unit)}`,
      ),
      REPEAT_REGISTER,
    );
    if (value === "cancelled") return value;
    if (value <= left) {
      draft.booths = value;
      return;
    }
    // More than is left: offer the waitlist with its position, or another number.
    const position = await conversation.external(async () => (await listWaitlist(ctx.deps.db, fair.id)).length + 1);
    const choice = await ask(
      conversation,
      ctx,
      () => ({
        text: ctx.t(unitKey("signup.not_enough_booths", unit), { left, booths: value, position }),
        keyboard: withCancel(
          ctx,
          new InlineKeyboard()
            .text(ctx.t("signup.waitlist_button"), "su:wl:yes")
            .row()
            .text(ctx.t("signup.change_booths_button"), "su:wl:change"),
        ),
      }),
      pick(/^su:wl:(\w+)$/, ["yes", "change"] as const),
      REPEAT_REGISTER,
    );
    if (choice === "cancelled") return choice;
    if (choice === "yes") {
      draft.booths = value;
      return;
    }
  }
};

/** A file's size in MB as its reader writes numbers: 11,5 in Vietnamese, 11.5 in Chinese and English. */
const megabytes = new Map(
  LOCALES.map((locale) => [locale, new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 })]),
);

/**
 * The licence question. When staff turned the registration `reference` down for its licence, the
 * question says the office needs it and has no Skip: skipping would send it back without one.
 */
export const licenceStep =
  (reference?: string): Step =>
  async ({ conversation, ctx, draft }) => {
    const prompt = () =>
      reference
        ? { text: ctx.t("signup.ask_licence_again", { reference }), keyboard: withCancel(ctx, new InlineKeyboard()) }
        : {
            text: ctx.t("signup.ask_licence"),
            keyboard: withCancel(ctx, new InlineKeyboard().text(ctx.t("signup.skip_button"), "su:skip")),
          };
    const read = async (answer: ConversationContext): Promise<Reading<RegistrationDraft["licence"]>> => {
      if (!reference && answer.callbackQuery?.data === "su:skip") return { value: null };
      // A photo is an image Telegram re-encoded itself; it is kept like a document all the same.
      const photo = answer.message?.photo?.at(-1);
      const document = answer.message?.document;
      const sent = photo ?? document;
      if (!sent) return undefined;
      const limit = MAX_LICENCE_BYTES / 1048576;
      if ((sent.file_size ?? 0) > MAX_LICENCE_BYTES) {
        const size = megabytes.get(ctx.locale)!.format((sent.file_size ?? 0) / 1048576);
        return { error: ctx.t("signup.errors.licence_too_big", { size, limit }) };
      }
      const received = await conversation.external((outer) => receiveLicence(outer.api, ctx.deps, sent.file_id));
      if (received.kind === "too_big") return { error: ctx.t("signup.errors.licence_over_limit", { limit }) };
      if (received.kind === "failed") return { error: ctx.t("signup.errors.licence_unreadable") };
      if (received.kind === "wrong_type") return { error: ctx.t("signup.errors.licence_type") };
      return { value: { fileId: sent.file_id, kind: photo ? "photo" : "document", path: received.path } };
    };
    const value = await ask(conversation, ctx, prompt, read, REPEAT_REGISTER);
    if (value === "cancelled") return value;
    draft.licence = value;
  };

export const STEPS: Record<Field, Step> = {
  company: textStep(
    "company",
    () => "signup.ask_company",
    () => validateName,
  ),
  country,
  taxId,
  sectors,
  booths,
  contactPerson: textStep(
    "contactPerson",
    () => "signup.ask_contact_person",
    () => validateName,
  ),
  phone: textStep(
    "phone",
    (d) => `signup.ask_phone.${d.country ?? "other"}`,
    (d) => (text) => normalizePhone(text, d.country ?? "other"),
  ),
  email: textStep(
    "email",
    () => "signup.ask_email",
    () => validateEmail,
  ),
  licence: licenceStep(),
};
