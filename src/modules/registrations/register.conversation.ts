import { InlineKeyboard } from "grammy";
import { ask, type Cancelled, show } from "../../bot/ask.js";
import type { BotConversation, ConversationContext } from "../../bot/context.js";
import { menuButton } from "../../bot/menu.js";
import { openFairs } from "../catalog/fairs.service.js";
import { unsubscribeFairButton } from "../reminders/reminders.callbacks.js";
import { registrationNotifier } from "./notices.js";
import { draftSummary } from "./registration.views.js";
import { myRegistrationsButton, nextEditionButton } from "./registrations.callbacks.js";
import { type RegistrationDraft, submitRegistration } from "./registrations.service.js";
import { type FairFacts, FIELDS, type Field, REPEAT_REGISTER, STEPS } from "./signup-steps.js";

export const REGISTER = "register";

/** The fair step: buttons of the fairs open for registration now. */
async function chooseFair(conversation: BotConversation, ctx: ConversationContext): Promise<string | Cancelled | null> {
  const fairs = await conversation.external(async () => {
    const catalog = await ctx.deps.catalog.get();
    return openFairs(catalog, ctx.deps.clock()).map((fair) => ({ id: fair.id, name: fair.name[ctx.locale] }));
  });
  if (fairs.length === 0) {
    await show(ctx, { text: ctx.t("signup.no_open_fairs") });
    return null;
  }
  const prompt = () => {
    const keyboard = new InlineKeyboard();
    for (const fair of fairs) keyboard.text(fair.name, `su:fair:${fair.id}`).row();
    return { text: ctx.t("signup.ask_fair"), keyboard: keyboard.text(ctx.t("signup.cancel_button"), "su:cancel") };
  };
  return ask(
    conversation,
    ctx,
    prompt,
    (answer) => {
      const id = /^su:fair:([a-z0-9-]+)$/.exec(answer.callbackQuery?.data ?? "")?.[1];
      return id && fairs.some((fair) => fair.id === id) ? { value: id } : undefined;
    },
    REPEAT_REGISTER,
  );
}

/** What the steps need to know about the fair, or null when it is missing or closed. */
async function fairFacts(conversation: BotConversation, ctx: ConversationContext, fairId: string) {
  return conversation.external(async () => {
    const catalog = await ctx.deps.catalog.get();
    const fair = catalog.fairs.get(fairId);
    if (!fair) return { kind: "missing" as const };
    const open = Date.parse(fair.registrationDeadline) > ctx.deps.clock().getTime();
    const facts: FairFacts = {
      id: fair.id,
      name: fair.name[ctx.locale],
      sectors: fair.sectors.map((id) => ({ id, name: catalog.sectors.get(id)?.name[ctx.locale] ?? id })),
    };
    return open ? { kind: "open" as const, facts } : { kind: "closed" as const, facts };
  });
}

async function leave(ctx: ConversationContext): Promise<void> {
  await show(ctx, { text: ctx.t("signup.cancelled") });
}

/**
 * The exhibitor sign-up: fair → company → country → tax id → sectors → booths → contact person →
 * phone → e-mail → licence → summary (Confirm / Edit a field / Cancel). Entered with a fair id
 * from a fair card's Register button, which skips the fair step.
 */
export async function register(conversation: BotConversation, ctx: ConversationContext, fairId?: string): Promise<void> {
  const chosen = fairId ?? (await chooseFair(conversation, ctx));
  if (chosen === null) return;
  if (chosen === "cancelled") return leave(ctx);
  const fair = await fairFacts(conversation, ctx, chosen);
  if (fair.kind === "missing") return void (await show(ctx, { text: ctx.t("common.not_found") }));
  if (fair.kind === "closed") return void (await show(ctx, closedPrompt(ctx, fair.facts.name, fair.facts.id)));

  await show(ctx, { text: ctx.t("signup.intro", { fair: fair.facts.name }) });
  const draft: Partial<RegistrationDraft> = { fairId: chosen, sectors: [] };
  const step = { conversation, ctx, draft, fair: fair.facts };
  for (const field of FIELDS) {
    if ((await STEPS[field](step)) === "cancelled") return leave(ctx);
  }

  for (;;) {
    const summary = () => ({
      text: draftSummary(ctx.t, fair.facts, draft as RegistrationDraft),
      keyboard: new InlineKeyboard()
        .text(ctx.t("signup.confirm_button"), "su:confirm")
        .row()
        .text(ctx.t("signup.edit_button"), "su:edit")
        .row()
        .text(ctx.t("signup.cancel_button"), "su:cancel"),
    });
    const action = await ask(
      conversation,
      ctx,
      summary,
      (answer) => {
        const data = answer.callbackQuery?.data;
        return data === "su:confirm" || data === "su:edit" ? { value: data } : undefined;
      },
      REPEAT_REGISTER,
    );
    if (action === "cancelled") return leave(ctx);
    if (action === "su:edit") {
      const field = await chooseField(conversation, ctx);
      if (field === "cancelled") return leave(ctx);
      if (field !== "back" && (await STEPS[field](step)) === "cancelled") return leave(ctx);
      // A new country changes which tax ids are valid.
      if (field === "country" && (await STEPS.taxId(step)) === "cancelled") return leave(ctx);
      continue;
    }
    const outcome = await conversation.external(async (outer) => {
      const notify = await registrationNotifier(ctx.deps);
      const result = await submitRegistration(ctx.deps.db, outer.from!.id, draft as RegistrationDraft, ctx.deps.clock(), notify);
      if (result.kind !== "registered") return result;
      const { reference, status } = result.registration;
      return { kind: result.kind, reference, status, updated: result.updated, position: result.position };
    });
    if (outcome.kind === "closed") return void (await show(ctx, closedPrompt(ctx, fair.facts.name, fair.facts.id)));
    if (outcome.kind === "missing_fair") return void (await show(ctx, { text: ctx.t("common.not_found") }));
    const key =
      outcome.status === "waitlisted" ? "signup.done_waitlisted" : outcome.updated ? "signup.done_updated" : "signup.done";
    await show(ctx, {
      text: ctx.t(key, { reference: outcome.reference, fair: fair.facts.name, position: outcome.position ?? 0 }),
      keyboard: new InlineKeyboard()
        .text(ctx.t("registration.mine_button"), myRegistrationsButton.pack())
        .row()
        .text(ctx.t("subscribe.opt_out_button"), unsubscribeFairButton.pack(chosen)),
    });
    return;
  }
}

async function chooseField(conversation: BotConversation, ctx: ConversationContext): Promise<Field | "back" | Cancelled> {
  const prompt = () => {
    const keyboard = new InlineKeyboard();
    FIELDS.forEach((field, i) => {
      keyboard.text(ctx.t(`signup.field_button.${field}`), `su:field:${field}`);
      if (i % 2 === 1) keyboard.row();
    });
    return { text: ctx.t("signup.ask_field"), keyboard: keyboard.row().text(ctx.t("common.back"), "su:field:back") };
  };
  return ask(
    conversation,
    ctx,
    prompt,
    (answer) => {
      const value = /^su:field:(\w+)$/.exec(answer.callbackQuery?.data ?? "")?.[1];
      if (value === "back") return { value: "back" as const };
      return FIELDS.includes(value as Field) ? { value: value as Field } : undefined;
    },
    REPEAT_REGISTER,
  );
}

/** Registration has closed: say so, offer news of the next edition, and point to fairs still open. */
export function closedPrompt(ctx: { t: ConversationContext["t"] }, fair: string, fairId: string) {
  const keyboard = new InlineKeyboard()
    .text(ctx.t("signup.next_edition_button"), nextEditionButton.pack(fairId))
    .row()
    .text(ctx.t("menu.deadlines"), menuButton.pack("deadlines"));
  return { text: ctx.t("signup.closed", { fair }), keyboard };
}
