import type { Kysely } from "kysely";
import type { Database, OutboxRow } from "../db/schema.js";
import { keyRange } from "./by-key.repository.js";
import { type InlineMarkup, messageProblem, type OutgoingMessage } from "./message.js";
import { enqueue } from "./outbox.repository.js";
import { MESSAGE_KIND } from "./queue.js";

/** Outbox kind of a row that edits a message sent earlier through the outbox. */
export const EDIT_KIND = "edit";

/** What an edit row holds: the dedupe key of the message to change, and its new HTML text and buttons. */
export interface EditPayload {
  of: string;
  html: string;
  markup?: InlineMarkup;
}

/** Edit rows are keyed `edit:<key of the message>:<moment>`: see {@link editKey}. */
const EDIT_PREFIX = "edit:";

/** The dedupe key of one version of a message. */
export const editKey = (of: string, at: Date) => `${EDIT_PREFIX}${of}:${at.getTime()}`;

export interface QueuedEdit extends EditPayload {
  /** Unique for this version of the message (see {@link editKey}): queued twice, applied once. */
  dedupeKey: string;
}

type Original = Pick<OutboxRow, "id" | "kind" | "state" | "chat_id" | "payload" | "message_id">;

export async function findByKey(db: Kysely<Database>, dedupeKey: string): Promise<Original | undefined> {
  return db
    .selectFrom("outbox")
    .select(["id", "kind", "state", "chat_id", "payload", "message_id"])
    .where("dedupe_key", "=", dedupeKey)
    .executeTakeFirst();
}

/** The key range of the edit rows of a message: `edit:<its key>:<moment>`. */
const editKeys = (of: string) => keyRange(`${EDIT_PREFIX}${of}:`);

/** Whether an edit of the same message was queued after row `id`. */
export async function hasNewerEdit(db: Kysely<Database>, of: string, id: number): Promise<boolean> {
  const { from, to } = editKeys(of);
  const newer = await db
    .selectFrom("outbox")
    .select("id")
    .where("dedupe_key", ">=", from)
    .where("dedupe_key", "<", to)
    .where("id", ">", id)
    .where("state", "in", ["queued", "sending", "sent"])
    .executeTakeFirst();
  return newer !== undefined;
}

/** Dedupe keys of the plain messages queued or sent under a prefix, oldest first (the ones an edit may change). */
export async function listMessageKeys(db: Kysely<Database>, prefix: string): Promise<string[]> {
  const { from, to } = keyRange(prefix);
  const rows = await db
    .selectFrom("outbox")
    .select("dedupe_key")
    .where("dedupe_key", ">=", from)
    .where("dedupe_key", "<", to)
    .where("kind", "=", MESSAGE_KIND)
    .where("state", "in", ["queued", "sending", "sent"])
    .orderBy("id")
    .execute();
  return rows.map((row) => row.dedupe_key);
}

/**
 * Brings messages queued earlier up to date, in the caller's transaction. One not sent yet is
 * rewritten where it waits (its reader gets the current version, once); one sent, or in flight,
 * gets an edit row that the sender applies to the message Telegram returned for it.
 */
export async function queueEdits(db: Kysely<Database>, edits: QueuedEdit[], now: Date): Promise<void> {
  const nowIso = now.toISOString();
  for (const edit of edits) {
    const problem = messageProblem({ type: "text", text: edit.html });
    if (problem)
      throw new Error(`outbox edit ${edit.dedupeKey} is ${problem.length} characters, over Telegram's ${problem.limit}`);
    const original = await findByKey(db, edit.of);
    if (!original || original.kind !== MESSAGE_KIND) continue;
    if (original.state === "queued") {
      const message: OutgoingMessage = { type: "text", text: edit.html, html: true, markup: edit.markup };
      await db
        .updateTable("outbox")
        .set({ payload: JSON.stringify(message), updated_at: nowIso })
        .where("id", "=", original.id)
        .execute();
      // Edits queued for it earlier (while it was in flight before a restart) are older than this version.
      const { from, to } = editKeys(edit.of);
      await db
        .updateTable("outbox")
        .set({ state: "cancelled", last_error: "superseded by a newer version", updated_at: nowIso })
        .where("dedupe_key", ">=", from)
        .where("dedupe_key", "<", to)
        .where("state", "=", "queued")
        .execute();
      continue;
    }
    if (original.state !== "sent" && original.state !== "sending") continue;
    const payload: EditPayload = { of: edit.of, html: edit.html, markup: edit.markup };
    await enqueue(
      db,
      [{ kind: EDIT_KIND, dedupeKey: edit.dedupeKey, chatId: original.chat_id, payload, notBefore: nowIso }],
      nowIso,
    );
  }
}
