import type { Conversation, ConversationFlavor } from "@grammyjs/conversations";
import type { Context } from "grammy";
import type { Kysely } from "kysely";
import type { Clock } from "../clock.js";
import type { Config } from "../config.js";
import type { CatalogSource } from "../domain/catalog.js";
import type { Locale } from "../domain/locale.js";
import type { Translate } from "../domain/translate.js";
import type { Logger } from "../logger.js";
import type { Database, UserRow } from "../platform/db/schema.js";
import type { I18n } from "../platform/telegram/i18n.js";
import type { CommandMenus } from "./command-menus.js";

/** What the bot needs from the outside world; tests pass their own (a fixed clock, a temp database). */
export interface BotDeps {
  db: Kysely<Database>;
  config: Config;
  clock: Clock;
  logger: Logger;
  i18n: I18n;
  catalog: CatalogSource;
  /** The command menus, read from the module list. */
  menus: CommandMenus;
  /** The outbox sender, told when something was queued so it need not wait for its next look (about a second). */
  outbox?: { wake(): void };
}

export interface BotContextFlavor {
  deps: BotDeps;
  /** The user's language: their choice, else Telegram's language_code, else DEFAULT_LOCALE. */
  locale: Locale;
  t: Translate;
  user: UserRow | undefined;
}

/** The context of the outer middleware tree. */
export type BotContext = ConversationFlavor<Context & BotContextFlavor & { conversationReset?: boolean }>;

/** The context inside conversations: outer middleware does not run there, so a plugin sets these. */
export type ConversationContext = Context & Omit<BotContextFlavor, "user">;

export type BotConversation = Conversation<BotContext, ConversationContext>;
