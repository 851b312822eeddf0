import type { SandboxUser } from "./chat-store.js";

/** A user the chat page can act as; each has its own private chat with the bot. */
export interface Persona extends SandboxUser {
  key: string;
  flag: string;
  /** Who this is, shown in the persona switcher. */
  role: string;
  company: string;
  /** Made an administrator for the sandbox run, so staff features can be tried. */
  staff: boolean;
}

export const PERSONAS: readonly Persona[] = [
  {
    key: "vi",
    id: 9_000_001,
    first_name: "Lan",
    last_name: "Nguyễn",
    username: "lan_nongsan",
    language_code: "vi",
    flag: "🇻🇳",
    role: "Vietnamese business",
    company: "Công ty TNHH Nông sản Lạng Sơn",
    staff: false,
  },
  {
    key: "zh",
    id: 9_000_002,
    first_name: "王伟",
    username: "wangwei_px",
    language_code: "zh",
    flag: "🇨🇳",
    role: "Chinese business",
    company: "凭祥市友谊贸易有限公司",
    staff: false,
  },
  {
    key: "en",
    id: 9_000_003,
    first_name: "Emma",
    last_name: "Clarke",
    username: "emma_clarke",
    language_code: "en",
    flag: "🇬🇧",
    role: "English-speaking business",
    company: "Clarke & Co. Trading",
    staff: false,
  },
  {
    key: "staff",
    id: 9_000_004,
    first_name: "Minh",
    last_name: "Trần",
    username: "minh_xttm",
    language_code: "vi",
    flag: "🏛️",
    role: "Trade-office staff (admin)",
    company: "Trung tâm Xúc tiến Thương mại Lạng Sơn",
    staff: true,
  },
];
