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
  register: (fairId: string) => `reg:${fairId}`,
  nextEdition: (fairId: string) => `nx:${fairId}`,
  approve: (id: number) => `st:ok:${id}`,
  reject: (id: number) => `st:no:${id}`,
  licence: (id: number) => `st:lic:${id}`,
  acceptOffer: (id: number) => `of:yes:${id}`,
  declineOffer: (id: number) => `of:no:${id}`,
  myRegistrations: () => "my:list",
  cancelMine: (id: number) => `my:c:${id}`,
  cancelMineConfirmed: (id: number) => `my:cy:${id}`,
  keepMine: (id: number) => `my:ck:${id}`,
  editMine: (id: number) => `my:e:${id}`,
  staffFair: (fairId: string) => `sr:f:${fairId}`,
  exportFair: (fairId: string, format: "xlsx" | "csv") => `sr:${format}:${fairId}`,
  subscribeView: (view: SubscribeView) => `sub:v:${view}`,
  subscribeAll: () => "sub:all",
  subscribeTopic: (topic: "fair" | "sector" | "province", id: string) => `sub:${topic[0]}:${id}`,
  subscribeDone: () => "sub:done",
  unsubscribeList: () => "uns:list",
  unsubscribe: (subscriptionId: number) => `uns:${subscriptionId}`,
  unsubscribeAll: () => "uns:all",
  unsubscribeFair: (fairId: string) => `uns:f:${fairId}`,
  zone: (choice: "vn" | "cn") => `set:tz:${choice}`,
  calendar: (fairId: string) => `cal:${fairId}`,
  /** The audit log's page of entries older than `beforeId`; 0 is the newest page. */
  audit: (beforeId: number) => `au:${beforeId}`,
  exportCatalog: (what: "fairs" | "gates" | "dataset") => `ex:${what}`,
};

/** The subscribe menu and its three lists: main, fairs, sectors, provinces. */
export type SubscribeView = "m" | "f" | "s" | "p";

export type MenuItem = "fairs" | "deadlines" | "gates" | "contacts" | "language";

export const callbackPattern = {
  fair: /^fair:([a-z0-9-]+)$/,
  deadline: /^dl:([a-z0-9-]+)$/,
  gate: /^gate:([a-z0-9-]+)$/,
  contact: /^contact:([a-z0-9-]+)$/,
  menu: /^menu:(fairs|deadlines|gates|contacts|language)$/,
  page: /^page:(fairs|deadlines):(\d{1,4})$/,
  language: /^lang:(vi|zh|en)$/,
  register: /^reg:([a-z0-9-]+)$/,
  nextEdition: /^nx:([a-z0-9-]+)$/,
  staffDecision: /^st:(ok|no|lic):(\d{1,12})$/,
  offer: /^of:(yes|no):(\d{1,12})$/,
  mine: /^my:(c|cy|ck|e):(\d{1,12})$/,
  staffFair: /^sr:f:([a-z0-9-]+)$/,
  exportFair: /^sr:(xlsx|csv):([a-z0-9-]+)$/,
  subscribeView: /^sub:v:(m|f|s|p)$/,
  subscribeTopic: /^sub:(f|s|p):([a-z0-9-]+)$/,
  unsubscribe: /^uns:(\d{1,12})$/,
  unsubscribeFair: /^uns:f:([a-z0-9-]+)$/,
  zone: /^set:tz:(vn|cn)$/,
  calendar: /^cal:([a-z0-9-]+)$/,
  audit: /^au:(\d{1,12})$/,
  exportCatalog: /^ex:(fairs|gates|dataset)$/,
};
