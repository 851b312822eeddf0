import { callbackPattern } from "./catalog.callbacks.js";
import type { BotContext } from "../../bot/context.js";
import { Feature } from "../../bot/router.js";
import { acknowledge, sendView, viewContext } from "../../platform/telegram/send.js";
import { contactCard, contactsView } from "./contact.views.js";

export const contactsFeature = new Feature<BotContext>();

const showContacts = async (ctx: BotContext) => sendView(ctx, contactsView(await viewContext(ctx)));

contactsFeature.command("contacts", showContacts);
contactsFeature.callbackQuery("menu:contacts", async (ctx) => {
  await acknowledge(ctx);
  await showContacts(ctx);
});

contactsFeature.callbackQuery(callbackPattern.contact, async (ctx) => {
  const view = await viewContext(ctx);
  const contact = view.catalog.contacts.get(ctx.match[1]!);
  if (!contact) return acknowledge(ctx, ctx.t("common.not_found"));
  await acknowledge(ctx);
  await sendView(ctx, contactCard(view, contact));
});
