import { Composer } from "grammy";
import type { BotContext } from "../../bot/context.js";
import { menuButton } from "../../bot/menu.js";
import { viewContext } from "../../bot/view-context.js";
import { acknowledge, sendView } from "../../platform/telegram/send.js";
import { contactButton, gateButton } from "./catalog.callbacks.js";
import { contactCard, contactsView } from "./contact.views.js";
import { gateCard, gatesView } from "./gate.views.js";

/** /gates and /contacts: the directory of border gates and trade offices, each with its card. */
export const directoryComposer = new Composer<BotContext>();

const showGates = async (ctx: BotContext) => sendView(ctx, gatesView(await viewContext(ctx)));
const showContacts = async (ctx: BotContext) => sendView(ctx, contactsView(await viewContext(ctx)));

directoryComposer.command("gates", showGates);
directoryComposer.command("contacts", showContacts);
directoryComposer.callbackQuery(menuButton.pack("gates"), async (ctx) => {
  await acknowledge(ctx);
  await showGates(ctx);
});
directoryComposer.callbackQuery(menuButton.pack("contacts"), async (ctx) => {
  await acknowledge(ctx);
  await showContacts(ctx);
});

directoryComposer.callbackQuery(gateButton.pattern, async (ctx) => {
  const view = await viewContext(ctx);
  const gate = view.catalog.gates.get(gateButton.read(ctx.match)[0]);
  if (!gate) return acknowledge(ctx, ctx.t("common.not_found"));
  await acknowledge(ctx);
  await sendView(ctx, gateCard(view, gate));
});

directoryComposer.callbackQuery(contactButton.pattern, async (ctx) => {
  const view = await viewContext(ctx);
  const contact = view.catalog.contacts.get(contactButton.read(ctx.match)[0]);
  if (!contact) return acknowledge(ctx, ctx.t("common.not_found"));
  await acknowledge(ctx);
  await sendView(ctx, contactCard(view, contact));
});
