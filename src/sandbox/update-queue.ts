import type http from "node:http";
import type { Update } from "grammy/types";
import { type Payload, sendJson } from "./bot-api-request.js";

type PendingPoll = { offset: number; limit: number; res: http.ServerResponse; timer: NodeJS.Timeout };

/** The updates waiting for getUpdates, and the long polls waiting for updates. */
export class UpdateQueue {
  private readonly updates: Update[] = [];
  private readonly polls = new Set<PendingPoll>();
  private nextUpdateId = 1;

  /** A getUpdates call: answered at once when updates are ready (or it does not wait), else when one comes or its timeout ends. */
  poll(p: Payload, res: http.ServerResponse, closed: boolean): void {
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
