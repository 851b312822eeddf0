export interface TelegramUpdatesTable {
  update_id: number;
  /** The update as Telegram sent it (JSON). */
  payload: string;
  received_at: string;
  /** Set once the bot has handled it; null while it waits or is in hand. */
  handled_at: string | null;
  /** The process that has it in hand (see newOwner); null for updates stored before this was kept. */
  received_by: string | null;
  /** The chat (or, without one, the user) the update belongs to; null when it has neither. */
  chat_id: number | null;
}
