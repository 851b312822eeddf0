/**
 * Callback data: a short prefix and an id, well under Telegram's 64 bytes (ids are ≤ 48 chars).
 * Buttons never carry names, so a renamed fair keeps working buttons.
 */
export const callbackData = {
  fair: (id: string) => `fair:${id}`,
  deadline: (id: string) => `dl:${id}`,
  gate: (id: string) => `gate:${id}`,
  contact: (id: string) => `contact:${id}`,
  menu: (item: MenuItem) => `menu:${item}`,
  page: (list: "fairs" | "deadlines", page: number) => `page:${list}:${page}`,
  language: (locale: string) => `lang:${locale}`,
};

export type MenuItem = "fairs" | "deadlines" | "gates" | "contacts" | "language";

export const callbackPattern = {
  fair: /^fair:([a-z0-9-]+)$/,
  deadline: /^dl:([a-z0-9-]+)$/,
  gate: /^gate:([a-z0-9-]+)$/,
  contact: /^contact:([a-z0-9-]+)$/,
  menu: /^menu:(fairs|deadlines|gates|contacts|language)$/,
  page: /^page:(fairs|deadlines):(\d{1,4})$/,
  language: /^lang:(vi|zh|en)$/,
};
