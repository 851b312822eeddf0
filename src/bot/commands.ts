import type { Api } from "grammy";
import { LOCALES, type Locale } from "../config.js";
import type { I18n } from "./i18n.js";

const PUBLIC_COMMANDS = ["start", "help", "fairs", "deadlines", "register", "myregistrations", "gates", "contacts", "language", "cancel"] as const;

/** Reminder commands; their descriptions are kept with the other reminder texts. */
const REMINDER_COMMANDS = ["subscribe", "unsubscribe", "settings"] as const;

/** The command menu in each language, plus the default for other languages. */
export async function setCommands(api: Api, i18n: I18n, defaultLocale: Locale): Promise<void> {
  const commands = (locale: Locale) => [
    ...PUBLIC_COMMANDS.map((command) => ({ command, description: i18n.t(locale, `commands.${command}`) })),
    ...REMINDER_COMMANDS.map((command) => ({ command, description: i18n.t(locale, `subscribe.commands.${command}`) })),
  ];
  await api.setMyCommands(commands(defaultLocale));
  for (const locale of LOCALES) await api.setMyCommands(commands(locale), { language_code: locale });
}
