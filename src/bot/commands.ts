import type { Api } from "grammy";
import { LOCALES, type Locale } from "../domain/locale.js";
import type { I18n } from "../platform/telegram/i18n.js";
import type { CommandMenus, MenuCommand } from "./command-menus.js";
import type { BotModule } from "./module.js";

export function menusOf(modules: readonly BotModule[]): CommandMenus {
  const all = (kind: "public" | "staff" | "admin") => modules.flatMap((m) => m.commands?.[kind] ?? []);
  const staff = all("staff");
  return { public: all("public"), staff, admin: [...staff, ...all("admin")] };
}

const described = (i18n: I18n, locale: Locale, commands: MenuCommand[]) =>
  commands.map(({ command, description }) => ({ command, description: i18n.t(locale, description) }));

/** Every text the command menus show, in each language: what a change of the menus changes. */
export const describedMenus = (i18n: I18n, menus: CommandMenus, defaultLocale: Locale) =>
  [defaultLocale, ...LOCALES].map((locale) => ({
    locale,
    public: described(i18n, locale, menus.public),
    staff: described(i18n, locale, menus.staff),
    admin: described(i18n, locale, menus.admin),
  }));

/** The command menu in each language, plus the default for other languages. */
export async function setCommands(api: Api, i18n: I18n, menus: CommandMenus, defaultLocale: Locale): Promise<void> {
  await api.setMyCommands(described(i18n, defaultLocale, menus.public));
  for (const locale of LOCALES) await api.setMyCommands(described(i18n, locale, menus.public), { language_code: locale });
}

/**
 * Gives one staff member's private chat the staff menu (the public commands and theirs), in each
 * language like the public menu. A chat scope wins over the default menu for that chat only.
 */
export async function setStaffCommands(
  api: Api,
  i18n: I18n,
  menus: CommandMenus,
  defaultLocale: Locale,
  chatId: number,
  admin: boolean,
): Promise<void> {
  const commands = (locale: Locale) => described(i18n, locale, [...menus.public, ...(admin ? menus.admin : menus.staff)]);
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
