import { Composer } from "grammy";
import type { BotContext } from "../../bot/context.js";
import { pointToPrivateChat, startedWith } from "../../bot/deep-links.js";
import { viewContext } from "../../bot/view-context.js";
import { Html } from "../../domain/translate.js";
import { ZONE_CHOICES } from "../../domain/zones.js";
import { showButtonsInPlace, showInPlace } from "../../platform/telegram/edit.js";
import type { View } from "../../platform/telegram/send.js";
import { acknowledge, sendView } from "../../platform/telegram/send.js";
import { setUserTimezone } from "../people/people.service.js";
import {
  subscribeAllButton,
  subscribeDoneButton,
  subscribeTopicButton,
  subscribeViewButton,
  unsubscribeAllButton,
  unsubscribeButton,
  unsubscribeFairButton,
  unsubscribeListButton,
  zoneButton,
} from "./reminders.callbacks.js";
import { withdrawUnfollowedReminders } from "./reminders.service.js";
import {
  listSubscriptions,
  removeAllSubscriptions,
  removeSubscription,
  removeSubscriptionById,
} from "./subscriptions.repository.js";
import { provincesOf, subscriptionsCovering, toggleSubscription } from "./subscriptions.service.js";
import { followingLine, settingsView, subscribeView, topicLabel, unsubscribeView, zoneOf } from "./subscriptions.views.js";

/** /subscribe, /unsubscribe and /settings: what a user follows and when reminders may reach them. */
export const subscriptionsComposer = new Composer<BotContext>();

const private_ = subscriptionsComposer.chatType("private");

const mine = (ctx: BotContext) => listSubscriptions(ctx.deps.db, ctx.from!.id);

/** After a change that may unfollow: reminders already queued about what the user left are not sent. */
async function dropUnfollowedReminders(ctx: BotContext): Promise<void> {
  const catalog = await ctx.deps.catalog.get();
  await withdrawUnfollowedReminders(ctx.deps.db, catalog, ctx.from!.id);
}

/** Redraws the message whose button was pressed (a toggle changes only its buttons). */
async function redraw(ctx: BotContext, view: View, keyboardOnly = false): Promise<void> {
  if (keyboardOnly) await showButtonsInPlace(ctx, view.keyboard);
  else await showInPlace(ctx, view);
}

const showSubscribe = async (ctx: BotContext) => sendView(ctx, subscribeView(await viewContext(ctx), await mine(ctx), "m"));
private_.command("subscribe", showSubscribe);
private_.command("start", (ctx, next) => (startedWith(ctx, "subscribe") ? showSubscribe(ctx) : next()));
subscriptionsComposer.chatType(["group", "supergroup"]).command("subscribe", (ctx) => pointToPrivateChat(ctx, "subscribe"));
private_.command("unsubscribe", async (ctx) => sendView(ctx, unsubscribeView(await viewContext(ctx), await mine(ctx))));
private_.command("settings", async (ctx) =>
  sendView(ctx, settingsView(await viewContext(ctx), ctx.user?.timezone ?? null, await mine(ctx))),
);

private_.callbackQuery(subscribeViewButton.pattern, async (ctx) => {
  await acknowledge(ctx);
  await redraw(ctx, subscribeView(await viewContext(ctx), await mine(ctx), subscribeViewButton.read(ctx.match)[0]));
});

private_.callbackQuery(subscribeAllButton.pattern, async (ctx) => {
  await acknowledge(ctx);
  if (!(await toggleSubscription(ctx.deps.db, ctx.from.id, { topic: "all", value: "" }, ctx.deps.clock())))
    await dropUnfollowedReminders(ctx);
  await redraw(ctx, subscribeView(await viewContext(ctx), await mine(ctx), "m"), true);
});

private_.callbackQuery(subscribeTopicButton.pattern, async (ctx) => {
  const view = await viewContext(ctx);
  const [letter, id] = subscribeTopicButton.read(ctx.match);
  const value =
    letter === "f"
      ? view.catalog.fairs.get(id)?.id
      : letter === "s"
        ? view.catalog.sectors.get(id)?.id
        : provincesOf(view.catalog).find((p) => p.slug === id)?.name;
  if (value === undefined) return acknowledge(ctx, ctx.t("common.not_found"));
  await acknowledge(ctx);
  const topic = letter === "f" ? "fair" : letter === "s" ? "sector" : "province";
  if (!(await toggleSubscription(ctx.deps.db, ctx.from.id, { topic, value }, ctx.deps.clock())))
    await dropUnfollowedReminders(ctx);
  await redraw(ctx, subscribeView(view, await mine(ctx), letter), true);
});

private_.callbackQuery(subscribeDoneButton.pattern, async (ctx) => {
  await acknowledge(ctx);
  await showInPlace(ctx, { text: followingLine(await viewContext(ctx), await mine(ctx)) });
});

private_.callbackQuery(unsubscribeListButton.pattern, async (ctx) => {
  await acknowledge(ctx);
  await redraw(ctx, unsubscribeView(await viewContext(ctx), await mine(ctx)));
});

private_.callbackQuery(unsubscribeButton.pattern, async (ctx) => {
  await acknowledge(ctx);
  await removeSubscriptionById(ctx.deps.db, ctx.from.id, unsubscribeButton.read(ctx.match)[0]);
  await dropUnfollowedReminders(ctx);
  await redraw(ctx, unsubscribeView(await viewContext(ctx), await mine(ctx)));
});

private_.callbackQuery(unsubscribeAllButton.pattern, async (ctx) => {
  await acknowledge(ctx);
  await removeAllSubscriptions(ctx.deps.db, ctx.from.id);
  await dropUnfollowedReminders(ctx);
  await showInPlace(ctx, { text: ctx.t("subscribe.removed_all") });
});

// From the sign-up's last message: the applicant does not want reminders about their fair.
private_.callbackQuery(unsubscribeFairButton.pattern, async (ctx) => {
  const view = await viewContext(ctx);
  const fair = view.catalog.fairs.get(unsubscribeFairButton.read(ctx.match)[0]);
  if (!fair) return acknowledge(ctx, ctx.t("common.not_found"));
  await acknowledge(ctx);
  await removeSubscription(ctx.deps.db, ctx.from.id, { topic: "fair", value: fair.id });
  await dropUnfollowedReminders(ctx);
  const covering = subscriptionsCovering(await mine(ctx), fair);
  const lines = [ctx.t("subscribe.fair_off", { fair: fair.name[ctx.locale] })];
  if (covering.length > 0) {
    const topics = covering.map((s) => topicLabel(view, s, "html")).join(ctx.t("common.separator"));
    lines.push(ctx.t("subscribe.fair_still_covered", { topics: new Html(topics) }));
  }
  await ctx.reply(lines.join("\n"), { parse_mode: "HTML" });
});

private_.callbackQuery(zoneButton.pattern, async (ctx) => {
  const [choice] = zoneButton.read(ctx.match);
  await setUserTimezone(ctx.deps.db, ctx.from.id, ZONE_CHOICES[choice]);
  const view = await viewContext(ctx);
  await acknowledge(ctx, ctx.t("subscribe.zone_changed", { zone: zoneOf(view, ZONE_CHOICES[choice]).label }));
  await redraw(ctx, settingsView(view, ZONE_CHOICES[choice], await mine(ctx)));
});
