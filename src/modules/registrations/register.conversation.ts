import { InlineKeyboard } from "grammy";
import { ask, type Cancelled, pick, show } from "../../bot/ask.js";
import type { BotConversation, ConversationContext } from "../../bot/context.js";
import { menuButton } from "../../bot/menu.js";
import { type PlaceUnit, placeUnit, unitKey } from "../../domain/catalog.js";
import type { RejectCode } from "../../domain/registration.js";
import { openFairs } from "../catalog/fairs.service.js";
import { unsubscribeFairButton } from "../reminders/reminders.callbacks.js";
import { registrationNotifier } from "./notices.js";
import { draftFromRow, draftSummary } from "./registration.views.js";
import { myRegistrationsButton, nextEditionButton } from "./registrations.callbacks.js";
import { findRegistration } from "./registrations.repository.js";
import { type RegistrationDraft, submitRegistration } from "./registrations.service.js";
import { type FairFacts, FIELDS, type Field, licenceStep, REPEAT_REGISTER, STEPS, type StepContext } from "./signup-steps.js";

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
      unit: placeUnit(fair.kind),
      sectors: fair.sectors.map((id) => ({ id, name: catalog.sectors.get(id)?.name[ctx.locale] ?? id })),
    };
    return open ? { kind: "open" as const, facts } : { kind: "closed" as const, facts };
  });
}

async function leave(ctx: ConversationContext): Promise<void> {
  await show(ctx, { text: ctx.t("signup.cancelled") });
}

/** Leaving a form with answers in it asks first; a second Cancel (or /cancel) there means yes. */
async function confirmLeave(conversation: BotConversation, ctx: ConversationContext): Promise<boolean> {
  const answer = await ask(
    conversation,
    ctx,
    () => ({
      text: ctx.t("signup.leave_confirm"),
      keyboard: new InlineKeyboard()
        .text(ctx.t("signup.leave_yes_button"), "su:leave:yes")
        .row()
        .text(ctx.t("signup.leave_no_button"), "su:leave:no"),
    }),
    pick(/^su:leave:(\w+)$/, ["yes", "no"] as const),
    REPEAT_REGISTER,
  );
  return answer !== "no";
}

/** Enough to bring back a rejected registration: what its owner wrote, and why it was turned down. */
type FixLoad =
  | { kind: "missing" }
  | { kind: "not_rejected" }
  | { kind: "ready"; draft: RegistrationDraft; reference: string; code: RejectCode | null };

/**
 * The exhibitor sign-up: fair → company → country → tax id → sectors → booths (or seats) →
 * contact person → phone → e-mail → licence → summary (Confirm / Edit a field / Cancel). Entered
 * with a fair id from a fair card's Register button, which skips the fair step; entered with the
 * id of the user's rejected registration, it brings that back to fix and send again.
 */
export async function register(
  conversation: BotConversation,
  ctx: ConversationContext,
  fairId?: string | null,
  fixId?: number | null,
): Promise<void> {
  if (typeof fixId === "number") return fix(conversation, ctx, fixId);
  const chosen = fairId ?? (await chooseFair(conversation, ctx));
  if (chosen === null) return;
  if (chosen === "cancelled") return leave(ctx);
  const fair = await fairFacts(conversation, ctx, chosen);
  if (fair.kind === "missing") return void (await show(ctx, { text: ctx.t("common.not_found") }));
  if (fair.kind === "closed") return void (await show(ctx, closedPrompt(ctx, fair.facts.name, fair.facts.id)));

  await show(ctx, { text: ctx.t("signup.intro", { fair: fair.facts.name }) });
  const step: StepContext = { conversation, ctx, draft: { fairId: chosen, sectors: [] }, fair: fair.facts };
  for (let i = 0; i < FIELDS.length; ) {
    if ((await STEPS[FIELDS[i]!](step)) === "cancelled") {
      // Nothing entered yet: nothing to lose by leaving.
      if (i === 0 || (await confirmLeave(conversation, ctx))) return leave(ctx);
      continue;
    }
    i++;
  }
  return summary(step, null);
}

/** A rejected registration, fixed by its owner: the licence first when that was missing, then the summary. */
async function fix(conversation: BotConversation, ctx: ConversationContext, id: number): Promise<void> {
  const loaded = await conversation.external(async (outer): Promise<FixLoad> => {
    const row = await findRegistration(ctx.deps.db, id);
    if (!row || row.user_id !== outer.from!.id) return { kind: "missing" };
    if (row.status !== "rejected") return { kind: "not_rejected" };
    return { kind: "ready", draft: draftFromRow(row), reference: row.reference, code: row.reject_code };
  });
  if (loaded.kind === "missing") return void (await show(ctx, { text: ctx.t("common.not_found") }));
  if (loaded.kind === "not_rejected") return void (await show(ctx, { text: ctx.t("signup.fix_not_needed") }));
  const fair = await fairFacts(conversation, ctx, loaded.draft.fairId);
  if (fair.kind === "missing") return void (await show(ctx, { text: ctx.t("common.not_found") }));
  if (fair.kind === "closed") return void (await show(ctx, closedPrompt(ctx, fair.facts.name, fair.facts.id)));

  await show(ctx, { text: ctx.t("signup.fix_intro", { reference: loaded.reference, fair: fair.facts.name }) });
  const step: StepContext = { conversation, ctx, draft: { ...loaded.draft, replaces: id }, fair: fair.facts };
  if (loaded.code === "missing_licence") {
    while ((await licenceStep(loaded.reference)(step)) === "cancelled") {
      if (await confirmLeave(conversation, ctx)) return leave(ctx);
    }
  }
  return summary(step, loaded.reference);
}

/** The summary until Confirm: Edit a field (Cancel there comes back here), Cancel (asks first). */
async function summary(step: StepContext, fixing: string | null): Promise<void> {
  const { conversation, ctx, draft, fair } = step;
  for (;;) {
    const prompt = () => ({
      text: `${fixing ? `${ctx.t("signup.fix_title", { reference: fixing })}\n\n` : ""}${draftSummary(ctx.t, fair, draft as RegistrationDraft)}`,
      keyboard: new InlineKeyboard()
        .text(ctx.t(fixing ? "signup.resubmit_button" : "signup.confirm_button"), "su:confirm")
        .row()
        .text(ctx.t("signup.edit_button"), "su:edit")
        .row()
        .text(ctx.t("signup.cancel_button"), "su:cancel"),
    });
    const action = await ask(
      conversation,
      ctx,
      prompt,
      pick(/^(su:confirm|su:edit)$/, ["su:confirm", "su:edit"] as const),
      REPEAT_REGISTER,
    );
    if (action === "cancelled") {
      if (await confirmLeave(conversation, ctx)) return leave(ctx);
      continue;
    }
    if (action === "su:edit") {
      const field = await chooseField(conversation, ctx, fair.unit ?? "booths");
      if (field === "cancelled" || field === "back") continue;
      const country = draft.country;
      // Cancel while changing one answer keeps the answer as it was.
      if ((await STEPS[field](step)) === "cancelled") continue;
      // A new country changes which tax ids are valid: without a new one, the country stays as it was.
      if (field === "country" && draft.country !== country && (await STEPS.taxId(step)) === "cancelled") draft.country = country;
      continue;
    }
    const outcome = await conversation.external(async (outer) => {
      const notify = await registrationNotifier(ctx.deps);
      const result = await submitRegistration(ctx.deps.db, outer.from!.id, draft as RegistrationDraft, ctx.deps.clock(), notify);
      if (result.kind !== "registered") return result;
      const { reference, status } = result.registration;
      return { kind: result.kind, reference, status, updated: result.updated, position: result.position };
    });
    if (outcome.kind === "closed") return void (await show(ctx, closedPrompt(ctx, fair.name, fair.id)));
    if (outcome.kind === "missing_fair") return void (await show(ctx, { text: ctx.t("common.not_found") }));
    const key =
      outcome.status === "waitlisted"
        ? "signup.done_waitlisted"
        : fixing
          ? "signup.done_resubmitted"
          : outcome.updated
            ? "signup.done_updated"
            : "signup.done";
    await show(ctx, {
      text: ctx.t(key, { reference: outcome.reference, fair: fair.name, position: outcome.position ?? 0 }),
      keyboard: new InlineKeyboard()
        .text(ctx.t("registration.mine_button"), myRegistrationsButton.pack())
        .row()
        .text(ctx.t("subscribe.opt_out_button"), unsubscribeFairButton.pack(fair.id)),
    });
    return;
  }
}

async function chooseField(
  conversation: BotConversation,
  ctx: ConversationContext,
  unit: PlaceUnit,
): Promise<Field | "back" | Cancelled> {
  const prompt = () => {
    const keyboard = new InlineKeyboard();
    FIELDS.forEach((field, i) => {
      keyboard.text(ctx.t(unitKey(`signup.field_button.${field}`, field === "booths" ? unit : "booths")), `su:field:${field}`);
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
