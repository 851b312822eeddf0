import type { Kysely } from "kysely";
import type { Database, OutboxRow } from "../db/schema.js";
import { EDIT_KIND, type EditPayload, findByKey, hasNewerEdit } from "./edits.js";
import type { DeliveryOutcome, OutgoingMessage, Transport } from "./message.js";
import { MESSAGE_KIND } from "./queue.js";

/** How to read a row of another kind than "message" (a broadcast's row names its version). */
export type RowReaders = Record<string, (row: OutboxRow) => Promise<OutgoingMessage | undefined>>;

/**
 * Makes the one request a claimed row stands for: a message, or an edit of one sent earlier.
 * "later" when it cannot go yet (an edit of a message still on its way).
 */
export function createDelivery(db: Kysely<Database>, transport: Transport, readers: RowReaders = {}) {
  async function messageFor(row: OutboxRow): Promise<OutgoingMessage | undefined> {
    if (row.kind === MESSAGE_KIND) return JSON.parse(row.payload) as OutgoingMessage;
    return readers[row.kind]?.(row);
  }

  /** An edit applies to the message its original row became; until that is sent, it waits. */
  async function deliverEdit(row: OutboxRow): Promise<DeliveryOutcome | "later"> {
    const edit = JSON.parse(row.payload) as EditPayload;
    // A later version of the same message supersedes this one: applying it would undo the newer.
    if (await hasNewerEdit(db, edit.of, row.id)) return { kind: "sent", messageId: 0 };
    const original = await findByKey(db, edit.of);
    if (original?.state === "queued" || original?.state === "sending") return "later";
    if (original?.state !== "sent" || !original.message_id)
      return { kind: "failed", reason: "the message to edit was never delivered" };
    const outcome = await transport.editText(original.chat_id, original.message_id, edit.html, edit.markup);
    // Telegram refuses an edit that changes nothing: the message already says it.
    if (outcome.kind === "failed" && /not modified/.test(outcome.reason)) return { kind: "sent", messageId: original.message_id };
    return outcome;
  }

  return async function deliver(row: OutboxRow): Promise<DeliveryOutcome | "later"> {
    try {
      if (row.kind === EDIT_KIND) return await deliverEdit(row);
      const message = await messageFor(row);
      if (!message) return { kind: "failed", reason: `cannot read a "${row.kind}" row` };
      return await transport.send(row.chat_id, message);
    } catch (error) {
      return { kind: "retry", reason: error instanceof Error ? error.message : String(error) };
    }
  };
}
