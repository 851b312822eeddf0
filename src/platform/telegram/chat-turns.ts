import type { Update } from "grammy/types";
import type { Logger } from "../../logger.js";
import type { DB } from "../db/connection.js";
import { holdLease, releaseLease, releaseLeaseOfTheDead } from "../jobs/fleet.js";
import { isDeadOwner } from "../jobs/process-owner.js";

/** A chat's turn is held this long at most: a handler still running after it lets the next one in. */
const TURN_MS = 60_000;
/** How long an update waits for its chat's turn before it is handled anyway (a stuck holder). */
const MAX_WAIT_MS = 15_000;

/** The chat an update belongs to (or its sender, for updates without a chat). */
export function chatOf(update: Update): number | undefined {
  const u = update as unknown as Record<
    string,
    { chat?: { id: number }; from?: { id: number }; message?: { chat?: { id: number } } }
  >;
  for (const part of Object.values(u)) {
    if (typeof part !== "object" || part === null) continue;
    const id = part.chat?.id ?? part.message?.chat?.id ?? part.from?.id;
    if (typeof id === "number") return id;
  }
  return undefined;
}

/**
 * Waits for `chatId`'s turn across every instance sharing the database, and returns the function
 * that ends it. A chat's updates are handled one at a time (a sign-up step read and written by two
 * instances at once would lose one), and in order: an update waits while an earlier one of its
 * chat, received by a live instance, is not handled yet. Within a process grammY's sequentialize
 * does the same; this lease (in `meta`) is for several web instances behind one load balancer.
 */
export async function takeChatTurn(
  db: DB,
  update: { chatId: number; updateId: number; owner: string },
  logger: Logger,
): Promise<() => Promise<void>> {
  const name = `chat:${update.chatId}`;
  const me = `${update.owner}#${update.updateId}`;
  const giveUpAt = Date.now() + MAX_WAIT_MS;
  for (let pause = 10; ; pause = Math.min(pause * 2, 200)) {
    const earlier = await db
      .selectFrom("telegram_updates")
      .select("received_by")
      .where("chat_id", "=", update.chatId)
      .where("handled_at", "is", null)
      .where("update_id", "<", update.updateId)
      .orderBy("update_id")
      .limit(1)
      .executeTakeFirst();
    const waitsForEarlier = earlier?.received_by != null && !isDeadOwner(earlier.received_by);
    if (!waitsForEarlier) {
      await releaseLeaseOfTheDead(db, name);
      const now = Date.now();
      if (await holdLease(db, name, me, now, now + TURN_MS)) return () => releaseLease(db, name, me);
    }
    if (Date.now() > giveUpAt) {
      logger.warn(
        { chat: update.chatId, update: update.updateId },
        "waited too long for the chat's turn; handling the update anyway",
      );
      return async () => {};
    }
    await new Promise((resolve) => setTimeout(resolve, pause));
  }
}
