import { Composer, InlineKeyboard } from "grammy";
import type { BotContext } from "../../bot/context.js";
import { mainMenu, menuButton } from "../../bot/menu.js";
import type { PlainTextContext } from "../../bot/plain-text.js";
import { type ViewContext, viewContext } from "../../bot/view-context.js";
import { type Catalog, placeUnit, unitKey } from "../../domain/catalog.js";
import { todayIn } from "../../domain/dates.js";
import type { Locale } from "../../domain/locale.js";
import { clip } from "../../domain/text.js";
import { sendView, type View } from "../../platform/telegram/send.js";
import { registerButton } from "../registrations/registrations.callbacks.js";
import { subscribeViewButton } from "../reminders/reminders.callbacks.js";
import { contactButton, fairButton, gateButton } from "./catalog.callbacks.js";
import { searchIndexOf } from "./catalog.service.js";
import { contactCard, contactsView } from "./contact.views.js";
import { deadlineAnswer, fairCard } from "./fair.views.js";
import { availabilityOfOpenFairs } from "./fair-availability.service.js";
import { isOpenForRegistration } from "./fairs.service.js";
import { gateCard, gatesView } from "./gate.views.js";
import { openRegistrationsView, upcomingFairsView } from "./lists.views.js";
import { answerLocale, officeFor, understand } from "./qa.service.js";
import type { EntityRef } from "./search.js";

/** Questions in people's own words: plain text in a private chat, outside any form (BotModule.plainText). */
export const questionsComposer = new Composer<PlainTextContext>();

const MAX_QUESTION_LENGTH = 500;

function nameOf(catalog: Catalog, ref: EntityRef, locale: Locale): string | undefined {
  const item =
    ref.kind === "fair"
      ? catalog.fairs.get(ref.id)
      : ref.kind === "gate"
        ? catalog.gates.get(ref.id)
        : catalog.contacts.get(ref.id);
  return item?.name[locale];
}

async function cardFor(ctx: BotContext, view: ViewContext, ref: EntityRef): Promise<View | undefined> {
  if (ref.kind === "fair") {
    const fair = view.catalog.fairs.get(ref.id);
    return fair && fairCard(view, fair, await availabilityOfOpenFairs(ctx.deps.db, view));
  }
  if (ref.kind === "gate") {
    const gate = view.catalog.gates.get(ref.id);
    return gate && gateCard(view, gate);
  }
  const contact = view.catalog.contacts.get(ref.id);
  return contact && contactCard(view, contact);
}

/** A wish to register: the Register button of the fair named (it opens the sign-up there), or the fair picker. */
function registerView(view: ViewContext, fairId: string | undefined): View {
  const fair = fairId ? view.catalog.fairs.get(fairId) : undefined;
  if (!fair || !isOpenForRegistration(fair, view.now))
    return {
      text: fair ? view.t("qa.register_closed", { fair: fair.name[view.locale] }) : view.t("qa.register_pick"),
      keyboard: new InlineKeyboard().text(view.t("menu.register"), menuButton.pack("register")),
    };
  const button = view.t(unitKey("fair.register_button", placeUnit(fair.kind)));
  return {
    text: view.t("qa.register", { fair: fair.name[view.locale] }),
    keyboard: new InlineKeyboard().text(button, registerButton.pack(fair.id)),
  };
}

const buttonData = (ref: EntityRef) =>
  ref.kind === "fair" ? fairButton.pack(ref.id) : ref.kind === "gate" ? gateButton.pack(ref.id) : contactButton.pack(ref.id);

questionsComposer.use(async (ctx) => {
  const question = clip(ctx.message.text, MAX_QUESTION_LENGTH, "");
  const locale = answerLocale(question, ctx.locale);
  const view = await viewContext(ctx, locale);
  const answer = understand(question, searchIndexOf(view.catalog), todayIn(view.now, view.timezone));
  const availability = () => availabilityOfOpenFairs(ctx.deps.db, view);
  switch (answer.type) {
    case "upcoming":
      return sendView(ctx, upcomingFairsView(view, await availability(), 1, answer.filter));
    case "open_registrations":
      return sendView(ctx, openRegistrationsView(view, await availability()));
    case "gates":
      return sendView(ctx, gatesView(view, answer.filter));
    case "contacts":
      return sendView(ctx, contactsView(view, answer.filter));
    case "fair_deadline": {
      const fair = view.catalog.fairs.get(answer.id);
      if (fair) return sendView(ctx, deadlineAnswer(view, fair));
      break;
    }
    case "card": {
      const card = await cardFor(ctx, view, answer.ref);
      if (card) return sendView(ctx, card);
      break;
    }
    case "choose": {
      const keyboard = new InlineKeyboard();
      for (const ref of answer.refs) keyboard.text(nameOf(view.catalog, ref, locale) ?? ref.id, buttonData(ref)).row();
      return sendView(ctx, { text: view.t("qa.ambiguous"), keyboard });
    }
    case "register":
      return sendView(ctx, registerView(view, answer.fairId));
    case "mine":
      return sendView(ctx, {
        text: view.t("qa.mine"),
        keyboard: new InlineKeyboard().text(view.t("menu.mine"), menuButton.pack("mine")),
      });
    case "subscribe":
      return sendView(ctx, {
        text: view.t("qa.subscribe"),
        keyboard: new InlineKeyboard().text(view.t("qa.subscribe_button"), subscribeViewButton.pack("m")),
      });
    case "greeting":
      return sendView(ctx, { text: view.t("qa.greeting", { name: ctx.from.first_name }), keyboard: mainMenu(view.t) });
    case "thanks":
      return sendView(ctx, { text: view.t("qa.thanks"), keyboard: mainMenu(view.t) });
    case "out_of_scope": {
      const office = view.catalog.contacts.get(officeFor(view.catalog, answer.topic, answer.province) ?? "");
      const honest = view.t(`qa.out_of_scope.${answer.topic}`);
      if (!office) {
        // No province to go by: the trade-promotion offices themselves, not only a button to them.
        const offices = contactsView(view, { topic: "trade-promotion" });
        return sendView(ctx, {
          text: `${honest}\n\n${view.t("qa.out_of_scope_offices")}\n\n${offices.text}`,
          keyboard: offices.keyboard,
        });
      }
      const card = contactCard(view, office);
      return sendView(ctx, { text: `${honest}\n\n${card.text}`, keyboard: card.keyboard });
    }
  }
  await sendView(ctx, { text: view.t("qa.not_found"), keyboard: mainMenu(view.t) });
});
