import { Composer } from "grammy";
import type { BotContext } from "../../bot/context.js";
import { pointToPrivateChat, startedWith } from "../../bot/deep-links.js";
import { menuButton } from "../../bot/menu.js";
import { provinceName } from "../../domain/province.js";
import { acknowledge, sendView } from "../../platform/telegram/send.js";
import { follow } from "../reminders/subscriptions.service.js";
import { closedPrompt, REGISTER } from "./register.conversation.js";
import { nextEditionButton, registerButton } from "./registrations.callbacks.js";

/** Entering the sign-up: /register, or the Register button on a fair card (which skips the fair step). */
export const signupComposer = new Composer<BotContext>();

const private_ = signupComposer.chatType("private");

const startSignUp = async (ctx: BotContext) => {
  if (ctx.conversation.active(REGISTER)) return void (await ctx.reply(ctx.t("signup.in_progress")));
  await ctx.conversation.exitAll();
  await ctx.conversation.enter(REGISTER);
};

private_.command("register", startSignUp);
private_.command("start", (ctx, next) => (startedWith(ctx, "register") ? startSignUp(ctx) : next()));
signupComposer.chatType(["group", "supergroup"]).command("register", (ctx) => pointToPrivateChat(ctx, "register"));
private_.callbackQuery(menuButton.pack("register"), async (ctx) => {
  // A form already open: a short alert points to it, rather than one more message.
  if (ctx.conversation.active(REGISTER)) return acknowledge(ctx, ctx.t("signup.in_progress"));
  await acknowledge(ctx);
  await startSignUp(ctx);
});

private_.callbackQuery(registerButton.pattern, async (ctx) => {
  await acknowledge(ctx);
  if (ctx.conversation.active(REGISTER)) return void (await ctx.reply(ctx.t("signup.in_progress")));
  const catalog = await ctx.deps.catalog.get();
  const fair = catalog.fairs.get(ctx.match[1]!);
  if (!fair) return void (await ctx.reply(ctx.t("common.not_found")));
  if (Date.parse(fair.registrationDeadline) <= ctx.deps.clock().getTime())
    return sendView(ctx, closedPrompt(ctx, fair.name[ctx.locale], fair.id));
  await ctx.conversation.exitAll();
  await ctx.conversation.enter(REGISTER, fair.id);
});

// A closed fair's "next edition" button: follow its province, so a new fair published there is announced.
private_.callbackQuery(nextEditionButton.pattern, async (ctx) => {
  await acknowledge(ctx);
  const catalog = await ctx.deps.catalog.get();
  const fair = catalog.fairs.get(ctx.match[1]!);
  if (!fair) return void (await ctx.reply(ctx.t("common.not_found")));
  await follow(ctx.deps.db, ctx.from.id, { topic: "province", value: fair.province }, ctx.deps.clock());
  await ctx.reply(ctx.t("signup.next_edition_done", { province: provinceName(ctx.t, fair.province) }), { parse_mode: "HTML" });
});

// Reached only when no conversation is active: inside one, /cancel is handled by the conversation.
signupComposer.command("cancel", async (ctx) => {
  await ctx.reply(ctx.t("signup.nothing_to_cancel"));
});
