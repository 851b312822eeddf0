/**
 * The outbox's rules, free of Telegram's client library: what a queued message is, what can come
 * of sending it, and what the sender does about each outcome.
 */

/** A formatting entity as Telegram describes it (bold, link, …); offsets in UTF-16 code units. */
export interface TextEntity {
  type: string;
  offset: number;
  length: number;
  [field: string]: unknown;
}

/** An inline keyboard as the Bot API takes it (URL or callback buttons). */
export interface InlineMarkup {
  inline_keyboard: Array<Array<{ text: string; url: string } | { text: string; callback_data: string }>>;
}

/**
 * One message as it will be sent. Text keeps the author's formatting as entities; reminders and
 * other bot-made texts may use HTML instead (`html: true`).
 */
export type OutgoingMessage =
  | { type: "text"; text: string; entities?: TextEntity[]; html?: boolean; markup?: InlineMarkup }
  | {
      type: "photo" | "document";
      fileId: string;
      caption?: string;
      entities?: TextEntity[];
      html?: boolean;
      markup?: InlineMarkup;
    };

export const TEXT_LIMIT = 4096;
export const CAPTION_LIMIT = 1024;

/** Why a message cannot be sent as it is, or undefined when Telegram will take it. */
export function messageProblem(message: OutgoingMessage): { limit: number; length: number } | undefined {
  // Telegram counts UTF-16 code units, as JavaScript's length does.
  if (message.type === "text") {
    if (message.text.length > TEXT_LIMIT) return { limit: TEXT_LIMIT, length: message.text.length };
    return undefined;
  }
  const length = message.caption?.length ?? 0;
  return length > CAPTION_LIMIT ? { limit: CAPTION_LIMIT, length } : undefined;
}

/** What came of one request to Telegram. */
export type DeliveryOutcome =
  | { kind: "sent"; messageId: number }
  /** 429: everything waits `retryAfterSeconds`, then this message goes again. */
  | { kind: "rate_limited"; retryAfterSeconds: number }
  /** 403: the user blocked the bot or deleted their account. */
  | { kind: "blocked"; reason: string }
  /** 400 and other answers that will not change on a retry (chat not found, bad file). */
  | { kind: "failed"; reason: string }
  /** Network errors and 5xx: the message may go through later. */
  | { kind: "retry"; reason: string };

/** How the outbox reaches Telegram; the bot layer implements it over the Bot API. */
export interface Transport {
  send(chatId: number, message: OutgoingMessage): Promise<DeliveryOutcome>;
  /** Replaces the text (HTML) of a message the bot sent earlier, and its buttons (none when `markup` is absent). */
  editText(chatId: number, messageId: number, html: string, markup?: InlineMarkup): Promise<DeliveryOutcome>;
}

export interface RetryPolicy {
  /** A row is failed after this many retryable failures. */
  maxAttempts: number;
  baseMs: number;
  capMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 8, baseMs: 1000, capMs: 5 * 60_000 };

/** Exponential backoff: base, 2×base, 4×base … capped. `attempt` counts from 1. */
export function backoffMs(attempt: number, policy: RetryPolicy = DEFAULT_RETRY): number {
  return Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
}
