import type { Api } from "grammy";
import { LOCALES, type Locale } from "../config.js";
import type { I18n } from "../platform/telegram/i18n.js";

const PUBLIC_COMMANDS = ["start", "help", "fairs", "deadlines", "register", "myregistrations", "gates", "contacts", "language", "cancel"] as const;

/** Reminder commands; their descriptions are kept with the other reminder texts. */
const REMINDER_COMMANDS = ["subscribe", "unsubscribe", "settings"] as const;

/** Everyone's commands with their descriptions in one language. */
const publicCommands = (i18n: I18n, locale: Locale) => [
  ...PUBLIC_COMMANDS.map((command) => ({ command, description: i18n.t(locale, `commands.${command}`) })),
  ...REMINDER_COMMANDS.map((command) => ({ command, description: i18n.t(locale, `subscribe.commands.${command}`) })),
];

/** The command menu in each language, plus the default for other languages. */
export async function setCommands(api: Api, i18n: I18n, defaultLocale: Locale): Promise<void> {
  const commands = (locale: Locale) => publicCommands(i18n, locale);
  await api.setMyCommands(commands(defaultLocale));
  for (const locale of LOCALES) await api.setMyCommands(commands(locale), { language_code: locale });
}

/** Commands only staff see in their menu (and only staff may use). */
export const STAFF_COMMANDS = ["broadcast", "broadcasts", "registrations", "import", "export", "stats"] as const;
/** Admins also manage who is staff, and read the audit log. */
export const ADMIN_COMMANDS = [...STAFF_COMMANDS, "staff", "audit"] as const;

/**
 * Gives one staff member's private chat the staff menu (the public commands and theirs), in each
 * language like the public menu. A chat scope wins over the default menu for that chat only.
 */
export async function setStaffCommands(api: Api, i18n: I18n, defaultLocale: Locale, chatId: number, admin: boolean): Promise<void> {
  const extra = admin ? ADMIN_COMMANDS : STAFF_COMMANDS;
  const commands = (locale: Locale) => [
    ...publicCommands(i18n, locale),
    ...extra.map((command) => ({ command, description: i18n.t(locale, `staff.commands.${command}`) })),
  ];
  const scope = { type: "chat" as const, chat_id: chatId };
  await api.setMyCommands(commands(defaultLocale), { scope });
  for (const locale of LOCALES) await api.setMyCommands(commands(locale), { scope, language_code: locale });
}

/** Takes the staff menu back: the chat sees the public menu again. */
export async function removeStaffCommands(api: Api, chatId: number): Promise<void> {
  const scope = { type: "chat" as const, chat_id: chatId };
  await api.deleteMyCommands({ scope });
  for (const locale of LOCALES) await api.deleteMyCommands({ scope, language_code: locale });
}
