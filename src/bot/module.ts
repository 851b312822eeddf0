import type { ConversationBuilder } from "@grammyjs/conversations";
import type { Composer, MiddlewareFn } from "grammy";
import type { Route } from "../platform/http/server.js";
import type { MenuCommand } from "./command-menus.js";
import type { BotContext, BotDeps, ConversationContext } from "./context.js";

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
 * module's composer. Command menus and the scheduler are read from the same list.
 */
export interface BotModule {
  name: string;
  composer: Composer<BotContext>;
  /** Puts on the context what every update needs (the user, their language), before any conversation. */
  context?: MiddlewareFn<BotContext>;
  conversations?: ModuleConversation[];
  commands?: { public?: MenuCommand[]; staff?: MenuCommand[]; admin?: MenuCommand[] };
  jobs?: Job[];
  /** Public pages on the bot's HTTP server (and the sandbox's), given the deps and the bot's username. */
  routes?: (deps: BotDeps, bot: { username: string }) => Route[];
}
