import { autoRetry } from "@grammyjs/auto-retry";
import { sequentialize } from "@grammyjs/runner";
import { type ApiClientOptions, Bot, type BotError } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import type { BotContext, BotDeps } from "./context.js";
import { auditFeature } from "../modules/staff/audit.composer.js";
import { broadcastFeature } from "../modules/broadcasts/compose.composer.js";
import { exportFeature } from "../modules/catalog/export.composer.js";
import { broadcastsFeature } from "../modules/broadcasts/broadcasts.composer.js";
import { contactsFeature } from "../modules/catalog/contacts.composer.js";
import { fairsFeature } from "../modules/catalog/fairs.composer.js";
import { gatesFeature } from "../modules/catalog/gates.composer.js";
import { importFeature } from "../modules/catalog/import.composer.js";
import { languageFeature } from "../modules/people/language.composer.js";
import { membershipFeature } from "../modules/people/membership.composer.js";
import { questionsFeature } from "../modules/catalog/questions.composer.js";
import { staffFeature } from "../modules/staff/staff.composer.js";
import { staffGateFeature } from "./features/staff-gate.js";
import { startFeature } from "../modules/people/start.composer.js";
import { statsFeature } from "../modules/staff/stats.composer.js";
import { unhandledFeature } from "./fallback.js";
import { myRegistrationsFeature } from "../modules/registrations/my-registrations.composer.js";
import { signupFeature } from "../modules/registrations/signup.composer.js";
import { staffRegistrationsFeature } from "../modules/registrations/staff-registrations.composer.js";
import { staffReviewFeature } from "../modules/registrations/review.composer.js";
import { subscriptionsFeature } from "../modules/reminders/subscriptions.composer.js";
import { calendarFeature } from "../modules/catalog/calendar.composer.js";
import { conversationsMiddleware } from "./conversations.js";
import { userMiddleware } from "../modules/people/user.middleware.js";
import { Feature } from "./router.js";

export interface CreateBotOptions {
  /** Skips getMe at start-up when the caller already knows the bot (tests, benchmarks). */
  botInfo?: UserFromGetMe;
  /** The HTTP client of Bot API calls (createBotApiHttp); grammY's default (node-fetch) without it. */
  fetch?: ApiClientOptions["fetch"];
}

/** The bot with its middleware in order; the caller decides how updates reach it (polling, tests). */
export function createBot(token: string, deps: BotDeps, options: CreateBotOptions = {}): Bot<BotContext> {
  const bot = new Bot<BotContext>(token, { client: { apiRoot: deps.config.telegramApiRoot, fetch: options.fetch }, botInfo: options.botInfo });
  // Retries 429s and 5xx a few times (5xx after 3 s, then 6 s, 12 s). Network errors are not
  // retried here: auto-retry would retry them forever, holding the chat; the user can ask again.
  bot.api.config.use(autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 30, rethrowHttpErrors: true }));

  // Updates of one chat are handled in order, different chats in parallel (with the runner).
  bot.use(sequentialize((ctx) => (ctx.chat?.id ?? ctx.from?.id)?.toString()));

  // One Feature runs the whole chain, so a question reaching the last feature does not pass through
  // a grammY Composer (and its async frames) for every feature before it.
  const features = new Feature<BotContext>();
  bot.errorBoundary((error) => replyWithError(error, deps), features);
  features.use(userMiddleware(deps));
  features.use(...conversationsMiddleware(deps));
  features.use(startFeature, languageFeature);
  // Staff: roles and refusals, broadcasts and the outbox, stats, import.
  features.use(membershipFeature, staffGateFeature, broadcastFeature, staffFeature, broadcastsFeature, statsFeature, importFeature, exportFeature, auditFeature);
  // Conversations (sign-up, edit contact, reject reason) before anything that reads free text.
  features.use(signupFeature, staffReviewFeature, myRegistrationsFeature, staffRegistrationsFeature);
  features.use(subscriptionsFeature, calendarFeature);
  features.use(fairsFeature, gatesFeature, contactsFeature, questionsFeature, unhandledFeature);

  bot.catch((error) => deps.logger.error({ err: error.error, update: error.ctx.update.update_id }, "update failed"));
  return bot;
}

async function replyWithError(error: BotError<BotContext>, deps: BotDeps): Promise<void> {
  const { ctx } = error;
  deps.logger.error({ err: error.error, update: ctx.update.update_id }, "feature failed");
  const t = ctx.t ?? deps.i18n.translator(deps.config.defaultLocale);
  if (ctx.callbackQuery) await ctx.answerCallbackQuery().catch(() => undefined);
  if (ctx.chat) await ctx.reply(t("common.error")).catch(() => undefined);
}
