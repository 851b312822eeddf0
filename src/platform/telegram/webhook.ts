import { createHash, timingSafeEqual } from "node:crypto";
import type { Api, Bot, Context } from "grammy";
import type { Update } from "grammy/types";
import type { Clock } from "../../clock.js";
import type { Logger } from "../../logger.js";
import type { DB } from "../db/connection.js";
import { BodyTooLarge, type Route, readBody, sendJson } from "../http/server.js";
import { isDeadOwner, newOwner, retireOwner } from "../jobs/process-owner.js";
import { chatOf, takeChatTurn } from "./chat-turns.js";

/** The updates the bot asks Telegram for, by polling or by webhook. */
export const ALLOWED_UPDATES = ["message", "callback_query", "my_chat_member"] as const;

/** Telegram's updates are a few kilobytes; a document is sent by file_id, never in the body. */
const MAX_UPDATE_BYTES = 1_000_000;
const WEBHOOK_META_KEY = "webhook";

/**
 * Updates received by the webhook, kept in the database from the moment they arrive until they
 * are handled: Telegram is answered at once (long work such as an import finishes after), an
 * update Telegram sends again (it retries when not answered in time, or after a restart) is
 * recognised by its update_id and not handled twice, and one that was received but not handled
 * when the process stopped is handled at the next start.
 */
export interface UpdateInbox {
  /** Stores an update; false when it was already received (and is handled or in hand). */
  receive(update: Update): Promise<boolean>;
  /**
   * Handles the updates received but not handled whose receiver is gone (this process before a
   * restart, an instance killed on this host, or one whose update has waited `staleMs`), oldest first.
   */
  resume(staleMs?: number): Promise<number>;
  /** Waits for the updates in hand, for up to `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

/** How long an update may wait in another live instance's hands before it is taken over. */
const STALE_UPDATE_MS = 5 * 60_000;

export function createUpdateInbox<C extends Context>(deps: {
  db: DB;
  bot: Bot<C>;
  clock: Clock;
  logger: Logger;
  /** Whether other instances may receive updates too (PostgreSQL): a chat's updates then take turns across them. */
  shared?: boolean;
}): UpdateInbox {
  const { db, bot, clock, logger } = deps;
  const owner = newOwner();
  const inHand = new Set<Promise<void>>();
  let stopping = false;

  const handle = (update: Update, chatId: number | undefined) => {
    const work = (async () => {
      const endTurn =
        deps.shared && chatId !== undefined
          ? await takeChatTurn(db, { chatId, updateId: update.update_id, owner }, logger).catch((error: unknown) => {
              logger.warn({ err: error, update: update.update_id }, "could not take the chat's turn; handling the update anyway");
              return async () => {};
            })
          : undefined;
      try {
        await bot.handleUpdate(update);
      } catch (error) {
        // The bot's error boundary has answered the user; a failure here is not retried.
        logger.error({ err: error, update: update.update_id }, "webhook update failed");
      }
      try {
        await db
          .updateTable("telegram_updates")
          .set({ handled_at: clock().toISOString() })
          .where("update_id", "=", update.update_id)
          .execute();
      } finally {
        await endTurn?.().catch(() => undefined);
      }
    })();
    inHand.add(work);
    void work.finally(() => inHand.delete(work));
  };

  return {
    async receive(update) {
      if (stopping) throw new Error("the bot is stopping");
      const chatId = chatOf(update);
      const inserted = await db
        .insertInto("telegram_updates")
        .values({
          update_id: update.update_id,
          payload: JSON.stringify(update),
          received_at: clock().toISOString(),
          received_by: owner,
          chat_id: chatId ?? null,
        })
        .onConflict((oc) => oc.column("update_id").doNothing())
        .executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) return false;
      handle(update, chatId);
      return true;
    },
    async resume(staleMs = STALE_UPDATE_MS) {
      // Received-at is the bot's clock (fixed in tests); staleness is real time, from the rows' own age.
      const staleBefore = new Date(clock().getTime() - staleMs).toISOString();
      const pending = await db
        .selectFrom("telegram_updates")
        .select(["update_id", "payload", "received_by", "received_at", "chat_id"])
        .where("handled_at", "is", null)
        .orderBy("update_id")
        .execute();
      let taken = 0;
      for (const row of pending) {
        const gone = row.received_by === null || isDeadOwner(row.received_by) || row.received_at < staleBefore;
        if (row.received_by === owner || !gone) continue;
        // Another instance sweeping at the same moment: the first to move the row takes it.
        const moved = await db
          .updateTable("telegram_updates")
          .set({ received_by: owner })
          .where("update_id", "=", row.update_id)
          .where("handled_at", "is", null)
          .where((eb) => (row.received_by === null ? eb("received_by", "is", null) : eb("received_by", "=", row.received_by)))
          .executeTakeFirst();
        if (Number(moved.numUpdatedRows) === 0) continue;
        // Updates stored before chat_id was kept have none: their chat is read from the update.
        const update = JSON.parse(row.payload) as Update;
        handle(update, row.chat_id ?? chatOf(update));
        taken++;
      }
      return taken;
    },
    async stop(graceMs = 10_000) {
      stopping = true;
      const deadline = Date.now() + graceMs;
      while (inHand.size > 0 && Date.now() < deadline) await Promise.race([...inHand, new Promise((r) => setTimeout(r, 50))]);
      retireOwner(owner);
    },
  };
}

/** Compares the secret header in constant time. */
function secretMatches(header: string | string[] | undefined, secret: string): boolean {
  if (typeof header !== "string") return false;
  const given = Buffer.from(header);
  const expected = Buffer.from(secret);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * `POST /telegram`: Telegram's calls, checked against the secret token set with setWebhook (401
 * otherwise), stored in the inbox and answered at once with 200.
 */
export function webhookRoute(inbox: UpdateInbox, secret: string, logger: Logger): Route {
  return {
    method: "POST",
    path: "/telegram",
    async handle(request, response) {
      if (!secretMatches(request.headers["x-telegram-bot-api-secret-token"], secret))
        return sendJson(response, 401, { error: "wrong or missing X-Telegram-Bot-Api-Secret-Token" });
      let update: Update;
      try {
        update = JSON.parse(await readBody(request, MAX_UPDATE_BYTES)) as Update;
      } catch (error) {
        if (error instanceof BodyTooLarge) throw error;
        return sendJson(response, 400, { error: "not JSON" });
      }
      if (!Number.isSafeInteger(update?.update_id)) return sendJson(response, 400, { error: "no update_id" });
      const fresh = await inbox.receive(update);
      if (!fresh) logger.debug({ update: update.update_id }, "webhook update received again, ignored");
      sendJson(response, 200, { ok: true });
    },
  };
}

const fingerprint = (url: string, secret: string) => createHash("sha256").update(`${url}\n${secret}`).digest("hex");

/**
 * Registers the webhook with Telegram only when it is not registered as configured (another URL,
 * or a secret changed since the last registration, which Telegram never shows back), so that
 * restarts and several instances do not call setWebhook each time. `force` registers anyway
 * (`npm run deploy`). Returns whether setWebhook was called.
 */
export async function ensureWebhook(
  api: Api,
  db: DB,
  webhook: { url: string; secret: string },
  options: { force?: boolean } = {},
): Promise<boolean> {
  const wanted = fingerprint(webhook.url, webhook.secret);
  const stored = await db.selectFrom("meta").select("value").where("key", "=", WEBHOOK_META_KEY).executeTakeFirst();
  const info = await api.getWebhookInfo();
  if (!options.force && info.url === webhook.url && stored?.value === wanted) return false;
  // Instances starting at once with a new URL or secret: the one that records it first registers it.
  const recorded = await db
    .insertInto("meta")
    .values({ key: WEBHOOK_META_KEY, value: wanted })
    .onConflict((oc) => oc.column("key").doUpdateSet({ value: wanted }).where("meta.value", "!=", wanted))
    .returning("key")
    .executeTakeFirst();
  // Recorded already, yet not what Telegram has (changed by hand, or lost): registered again.
  if (!recorded && !options.force && stored?.value !== wanted) return false;
  try {
    await api.setWebhook(webhook.url, {
      secret_token: webhook.secret,
      allowed_updates: [...ALLOWED_UPDATES],
      max_connections: 40,
    });
  } catch (error) {
    if (recorded) await db.deleteFrom("meta").where("key", "=", WEBHOOK_META_KEY).where("value", "=", wanted).execute();
    throw error;
  }
  return true;
}

/** Before long polling: a webhook left registered would make every getUpdates fail with 409. */
export async function removeWebhook(api: Api, db: DB): Promise<boolean> {
  const info = await api.getWebhookInfo();
  await db.deleteFrom("meta").where("key", "=", WEBHOOK_META_KEY).execute();
  if (!info.url) return false;
  await api.deleteWebhook({ drop_pending_updates: false });
  return true;
}

/** Deletes handled updates received before `before` (Telegram retries an update for a day at most). */
export async function purgeHandledUpdates(db: DB, before: string): Promise<number> {
  const result = await db
    .deleteFrom("telegram_updates")
    .where("handled_at", "is not", null)
    .where("received_at", "<", before)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
