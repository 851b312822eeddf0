import type http from "node:http";
import type { Update } from "grammy/types";
import { type Payload, sendJson } from "./bot-api-request.js";

type PendingPoll = { offset: number; limit: number; res: http.ServerResponse; timer: NodeJS.Timeout };

/** How long the fake waits before delivering again to a webhook that failed (Telegram waits longer). */
const WEBHOOK_RETRY_MS = 200;

/**
 * The updates waiting for getUpdates, and the long polls waiting for updates; or, once a webhook
 * is set, the updates waiting to be POSTed to it, in order, each again until it is answered 2xx
 * (as Telegram does), with getUpdates refused with 409 meanwhile.
 */
export class UpdateQueue {
  private readonly updates: Update[] = [];
  private readonly polls = new Set<PendingPoll>();
  private nextUpdateId = 1;
  private webhook: { url: string; secret?: string } | undefined;
  private delivering = false;
  private lastError: string | undefined;

  /** setWebhook: updates go to `url` from now on, with `secret` in X-Telegram-Bot-Api-Secret-Token. */
  setWebhook(url: string, secret: string | undefined): void {
    this.webhook = { url, secret };
    void this.deliver();
  }

  /** deleteWebhook: back to getUpdates. */
  deleteWebhook(): void {
    this.webhook = undefined;
  }

  /** getWebhookInfo's result. */
  webhookInfo() {
    return {
      url: this.webhook?.url ?? "",
      has_custom_certificate: false,
      pending_update_count: this.updates.length,
      ...(this.lastError ? { last_error_message: this.lastError } : {}),
    };
  }

  private async deliver(): Promise<void> {
    if (this.delivering) return;
    this.delivering = true;
    try {
      while (this.webhook && this.updates.length > 0) {
        const { url, secret } = this.webhook;
        const update = this.updates[0]!;
        try {
          const response = await fetch(url, {
            method: "POST",
            headers: { "content-type": "application/json", ...(secret ? { "x-telegram-bot-api-secret-token": secret } : {}) },
            body: JSON.stringify(update),
            signal: AbortSignal.timeout(10_000),
          });
          await response.arrayBuffer();
          if (response.ok) {
            if (this.updates[0] === update) this.updates.shift();
            this.lastError = undefined;
            continue;
          }
          this.lastError = `Wrong response from the webhook: ${response.status}`;
        } catch (error) {
          this.lastError = `Connection failed: ${(error as Error).message}`;
        }
        await new Promise((resolve) => setTimeout(resolve, WEBHOOK_RETRY_MS));
      }
    } finally {
      this.delivering = false;
    }
  }

  /** A getUpdates call: answered at once when updates are ready (or it does not wait), else when one comes or its timeout ends. */
  poll(p: Payload, res: http.ServerResponse, closed: boolean): void {
    if (this.webhook) {
      sendJson(res, 409, {
        ok: false,
        error_code: 409,
        description:
          "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
      });
      return;
    }
    let offset = Number(p.offset ?? 0) || 0;
    // Like Telegram: a positive offset confirms older updates, a negative one keeps only the last -offset.
    if (offset < 0) {
      this.updates.splice(0, Math.max(0, this.updates.length + offset));
      offset = 0;
    } else while (this.updates.length && this.updates[0]!.update_id < offset) this.updates.shift();
    const limit = Math.min(100, Math.max(1, Number(p.limit) || 100));
    const ready = this.updates.filter((u) => u.update_id >= offset).slice(0, limit);
    const timeout = Number(p.timeout) || 0;
    if (ready.length > 0 || timeout <= 0 || closed) {
      sendJson(res, 200, { ok: true, result: ready });
      return;
    }
    const poll: PendingPoll = { offset, limit, res, timer: setTimeout(() => this.answerPoll(poll, []), timeout * 1000) };
    this.polls.add(poll);
    // grammY aborts its pending poll on bot.stop(); forget it so nothing is written to a dead socket.
    res.on("close", () => {
      clearTimeout(poll.timer);
      this.polls.delete(poll);
    });
  }

  private answerPoll(poll: PendingPoll, result: Update[]) {
    clearTimeout(poll.timer);
    this.polls.delete(poll);
    sendJson(poll.res, 200, { ok: true, result });
  }

  /** Queues an update; assigns `update_id` when missing and returns it. */
  push(update: Omit<Update, "update_id"> & { update_id?: number }): number {
    const full = { ...update, update_id: update.update_id ?? this.nextUpdateId } as Update;
    this.nextUpdateId = Math.max(this.nextUpdateId, full.update_id + 1);
    this.updates.push(full);
    if (this.webhook) void this.deliver();
    for (const poll of this.polls) {
      const ready = this.updates.filter((u) => u.update_id >= poll.offset).slice(0, poll.limit);
      if (ready.length > 0) this.answerPoll(poll, ready);
    }
    return full.update_id;
  }

  /** Forgets the updates not fetched yet (deleteWebhook with drop_pending_updates). */
  clear(): void {
    this.updates.length = 0;
  }

  /** Answers every pending poll with no updates; resolves when their connections closed. */
  async answerAll(): Promise<void> {
    const answered = [...this.polls].map(
      (poll) =>
        new Promise((r) => {
          poll.res.once("close", r);
          this.answerPoll(poll, []);
        }),
    );
    await Promise.all(answered);
  }
}
