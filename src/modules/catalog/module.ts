import { Composer } from "grammy";
import type { BotContext } from "../../bot/context.js";
import type { BotModule } from "../../bot/module.js";
import { calendarComposer } from "./calendar.composer.js";
import { directoryComposer } from "./directory.composer.js";
import { exportComposer } from "./export.composer.js";
import { fairsComposer } from "./fairs.composer.js";
import { importComposer } from "./import.composer.js";
import { questionsComposer } from "./questions.composer.js";

const composer = new Composer<BotContext>();
composer.use(fairsComposer, directoryComposer, calendarComposer, importComposer, exportComposer);

/** Fairs, border gates and trade offices: lists, cards, questions in people's words, import and export. */
export const catalogModule: BotModule = {
  name: "catalog",
  composer,
  commands: {
    public: [
      { command: "fairs", description: "commands.fairs" },
      { command: "deadlines", description: "commands.deadlines" },
      { command: "gates", description: "commands.gates" },
      { command: "contacts", description: "commands.contacts" },
    ],
    staff: [
      { command: "import", description: "staff.commands.import" },
      { command: "export", description: "staff.commands.export" },
    ],
  },
};

/** Questions in people's own words: plain text in a private chat. */
export const questionsModule: BotModule = { name: "questions", plainText: questionsComposer };
