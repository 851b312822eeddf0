import { callbackPattern } from "../catalog/catalog.callbacks.js";
import type { BotContext } from "../../bot/context.js";
import { lazyConversation } from "../../bot/conversations.js";
import { Feature } from "../../bot/router.js";
import { closedPrompt, REGISTER, register } from "./register.conversation.js";
import { addSubscription } from "../reminders/subscriptions.repository.js";
import { acknowledge, sendView } from "../../platform/telegram/send.js";
import { provinceName } from "../../domain/province.js";

/** Entering the sign-up: /register, or the Register button on a fair card (which skips the fair step). */
export const signupFeature = new Feature<BotContext>();

const signingUp = lazyConversation(register, REGISTER);
signupFeature.use(signingUp.middleware);

const private_ = signupFeature.chatType("private");

private_.command("register", async (ctx) => {
  if (ctx.conversation.active(REGISTER)) return void (await ctx.reply(ctx.t("signup.in_progress")));
  await ctx.conversation.exitAll();
  await signingUp.enter(ctx);
});

private_.callbackQuery(callbackPattern.register, async (ctx) => {
  await acknowledge(ctx);
  if (ctx.conversation.active(REGISTER)) return void (await ctx.reply(ctx.t("signup.in_progress")));
  const { catalog } = await ctx.deps.catalog.get();
  const fair = catalog.fairs.get(ctx.match[1]!);
  if (!fair) return void (await ctx.reply(ctx.t("common.not_found")));
  if (Date.parse(fair.registrationDeadline) <= ctx.deps.clock().getTime()) return sendView(ctx, closedPrompt(ctx, fair.name[ctx.locale], fair.id));
  await ctx.conversation.exitAll();
  await signingUp.enter(ctx, fair.id);
});

// A closed fair's "next edition" button: follow its province, so a new fair published there is announced.
private_.callbackQuery(callbackPattern.nextEdition, async (ctx) => {
  await acknowledge(ctx);
  const { catalog } = await ctx.deps.catalog.get();
  const fair = catalog.fairs.get(ctx.match[1]!);
  if (!fair) return void (await ctx.reply(ctx.t("common.not_found")));
  await addSubscription(ctx.deps.db, ctx.from.id, { topic: "province", value: fair.province }, ctx.deps.clock());
  await ctx.reply(ctx.t("signup.next_edition_done", { province: provinceName(ctx.t, fair.province) }), { parse_mode: "HTML" });
});

// Reached only when no conversation is active: inside one, /cancel is handled by the conversation.
signupFeature.command("cancel", async (ctx) => {
  await ctx.reply(ctx.t("signup.nothing_to_cancel"));
});
