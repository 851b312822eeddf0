import { callbackPattern } from "../callback-data.js";
import type { BotContext } from "../context.js";
import { Feature } from "../router.js";
import { acknowledge, sendView, viewContext } from "../reply.js";
import { contactCard, contactsView } from "../views/contact.js";

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
