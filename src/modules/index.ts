import type { BotModule } from "../bot/module.js";
import { broadcastsModule } from "./broadcasts/module.js";
import { catalogModule, questionsModule } from "./catalog/module.js";
import { peopleModule } from "./people/module.js";
import { registrationsModule } from "./registrations/module.js";
import { remindersModule } from "./reminders/module.js";
import { siteModule } from "./site/module.js";
import { staffModule } from "./staff/module.js";

/**
 * The bot's modules, in the order updates pass them (and commands appear in menus). People come
 * first (who is writing, in which language). Questions in people's own words take plain text in
 * private chats, which createBot sends to them alone (forms in progress have it first).
 */
export const MODULES: readonly BotModule[] = [
  peopleModule,
  questionsModule,
  catalogModule,
  registrationsModule,
  remindersModule,
  staffModule,
  broadcastsModule,
  siteModule,
];
