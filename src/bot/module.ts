import type { ConversationBuilder } from "@grammyjs/conversations";
import type { Composer, MiddlewareFn } from "grammy";
import type { Route } from "../platform/http/server.js";
import type { MenuCommand } from "./command-menus.js";
import type { BotContext, BotDeps, ConversationContext } from "./context.js";
import type { PlainTextContext } from "./plain-text.js";

/** A job run by the scheduler (node-cron) in the offices' zone; it reports what it did. */
export interface Job {
  name: string;
  /** A cron pattern, or one read from the configuration. */
  schedule: string | ((config: BotDeps["config"]) => string);
  run(deps: BotDeps, now: Date): Promise<Record<string, number> | undefined>;
}

/** A conversation a module owns, with the id it is stored under. */
export interface ModuleConversation {
  id: string;
  builder: ConversationBuilder<BotContext, ConversationContext>;
}

/**
 * One domain of the bot. `createBot` installs, in the order of the module list: every module's
 * `context` middleware, the conversations plugin, every module's conversations, then every
 * module's composer — except for plain text in a private chat (see `plainText`). Command menus and
 * the scheduler are read from the same list.
 */
export interface BotModule {
  name: string;
  /** Every update but plain text in a private chat. */
  composer?: Composer<BotContext>;
  /**
   * Plain text in a private chat (isPlainText): it goes to these composers only, after a form in
   * progress in the chat has had it, and without the conversations plugin when there is none, so
   * that questions — most of what the bot is sent — pass no other module's routes.
   */
  plainText?: Composer<PlainTextContext>;
  /** Puts on the context what every update needs (the user, their language), before any conversation. */
  context?: MiddlewareFn<BotContext>;
  conversations?: ModuleConversation[];
  commands?: { public?: MenuCommand[]; staff?: MenuCommand[]; admin?: MenuCommand[] };
  jobs?: Job[];
  /** Public pages on the bot's HTTP server (and the sandbox's), given the deps and the bot's username. */
  routes?: (deps: BotDeps, bot: { username: string }) => Route[];
}
