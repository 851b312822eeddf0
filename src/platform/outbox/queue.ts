import type { Kysely } from "kysely";
import type { Database } from "../db/schema.js";
import { messageProblem, type OutgoingMessage } from "./message.js";
import { enqueue } from "./outbox.repository.js";

/** Outbox kind whose payload is the OutgoingMessage itself. */
export const MESSAGE_KIND = "message";

export interface QueuedMessage {
  chatId: number;
  message: OutgoingMessage;
  /** Unique for what the message is about (e.g. `reminder:<fair>:<user>:<day>`): queued twice, sent once. */
  dedupeKey: string;
  /** Not sent before this moment (defaults to now). */
  notBefore?: Date;
}

/**
 * Queues one-off messages (reminders, notices) for the outbox sender, which sends them at
 * Telegram's rate, retries and survives restarts like broadcasts. Call it inside the transaction
 * that records why they are sent. Returns how many were new (duplicates by key are skipped).
 */
export async function queueMessages(db: Kysely<Database>, messages: QueuedMessage[], now: Date): Promise<number> {
  for (const m of messages) {
    const problem = messageProblem(m.message);
    if (problem)
      throw new Error(`outbox message ${m.dedupeKey} is ${problem.length} characters, over Telegram's ${problem.limit}`);
  }
  return enqueue(
    db,
    messages.map((m) => ({
      kind: MESSAGE_KIND,
      dedupeKey: m.dedupeKey,
      chatId: m.chatId,
      payload: m.message,
      notBefore: (m.notBefore ?? now).toISOString(),
    })),
    now.toISOString(),
  );
}
