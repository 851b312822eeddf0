import { type Api, GrammyError, HttpError, type RawApi } from "grammy";
import type { Message, MessageEntity } from "grammy/types";
import type { DeliveryOutcome, OutgoingMessage, Transport } from "./message.js";

type SendingApi = Pick<Api<RawApi>, "sendMessage" | "sendPhoto" | "sendDocument">;

/** Sends an outbox message as it is stored; the preview uses this too, so staff see what recipients see. */
export async function sendOutgoing(api: SendingApi, chatId: number, message: OutgoingMessage): Promise<Message> {
  const parse_mode = message.html ? ("HTML" as const) : undefined;
  const reply_markup = message.markup;
  const entities = message.entities as MessageEntity[] | undefined;
  if (message.type === "text") {
    return api.sendMessage(chatId, message.text, {
      entities,
      parse_mode,
      reply_markup,
      link_preview_options: { is_disabled: !!parse_mode },
    });
  }
  const options = { caption: message.caption, caption_entities: entities, parse_mode, reply_markup };
  return message.type === "photo"
    ? api.sendPhoto(chatId, message.fileId, options)
    : api.sendDocument(chatId, message.fileId, options);
}

/** What a Bot API error means for the outbox. */
export function outcomeOfError(error: unknown): DeliveryOutcome {
  if (error instanceof GrammyError) {
    const reason = `${error.error_code}: ${error.description}`;
    if (error.error_code === 429)
      return { kind: "rate_limited", retryAfterSeconds: Math.max(1, error.parameters.retry_after ?? 1) };
    if (error.error_code === 403) return { kind: "blocked", reason };
    if (error.error_code === 400) return { kind: "failed", reason };
    // 5xx, and 401/404/409 which a fixed token or server may cure: retried, a bounded number of times.
    return { kind: "retry", reason };
  }
  if (error instanceof HttpError) return { kind: "retry", reason: `network: ${error.message}` };
  return { kind: "retry", reason: error instanceof Error ? error.message : String(error) };
}

/**
 * The outbox's way to Telegram. Give it an Api without auto-retry: the sender handles 429s itself,
 * pausing every send rather than one request.
 */
export function createTelegramTransport(api: Api): Transport {
  return {
    async send(chatId, message) {
      try {
        const sent = await sendOutgoing(api, chatId, message);
        return { kind: "sent", messageId: sent.message_id };
      } catch (error) {
        return outcomeOfError(error);
      }
    },
    async editText(chatId, messageId, html, markup) {
      try {
        await api.editMessageText(chatId, messageId, html, {
          parse_mode: "HTML",
          reply_markup: markup,
          link_preview_options: { is_disabled: true },
        });
        return { kind: "sent", messageId };
      } catch (error) {
        return outcomeOfError(error);
      }
    },
  };
}
