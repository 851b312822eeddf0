import { Composer } from "grammy";
import type { BotContext } from "../../bot/context.js";
import type { BotModule } from "../../bot/module.js";
import { auditComposer } from "./audit.composer.js";
import { staffComposer } from "./staff.composer.js";
import { statsComposer } from "./stats.composer.js";

const composer = new Composer<BotContext>();
composer.use(staffComposer, statsComposer, auditComposer);

/** Who is staff (admins decide), what staff did (the audit log), and the figures. */
export const staffModule: BotModule = {
  name: "staff",
  composer,
  commands: {
    staff: [{ command: "stats", description: "staff.commands.stats" }],
    admin: [
      { command: "staff", description: "staff.commands.staff" },
      { command: "audit", description: "staff.commands.audit" },
    ],
  },
};
