import type { Kysely } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { fixedClock } from "../../../src/clock.js";
import { createLogger } from "../../../src/logger.js";
import type { Database } from "../../../src/platform/db/schema.js";
import { editKey, queueEdits } from "../../../src/platform/outbox/edits.js";
import type { DeliveryOutcome, OutgoingMessage, Transport } from "../../../src/platform/outbox/message.js";
import { createPacer } from "../../../src/platform/outbox/pacer.js";
import { queueMessages } from "../../../src/platform/outbox/queue.js";
import { createOutboxSender } from "../../../src/platform/outbox/sender.js";
import { demoDatabase } from "../../helpers/app.js";

const NOW = new Date("2026-11-23T02:00:00Z");
const CHAT = 42;
const logger = createLogger("silent");
let db: Kysely<Database>;

beforeEach(async () => {
  ({ db } = await demoDatabase());
});
afterEach(async () => db.destroy());

/** A transport that records sends and edits; edits answer what `editAnswer` says. */
function recordingTransport(editAnswer: () => DeliveryOutcome | undefined = () => undefined) {
  const sent: Array<{ chatId: number; message: OutgoingMessage }> = [];
  const edits: Array<{ messageId: number; html: string; buttons: string[] }> = [];
  const transport: Transport = {
    async send(chatId, message) {
      sent.push({ chatId, message });
      return { kind: "sent", messageId: 100 + sent.length };
    },
    async editText(_chatId, messageId, html, markup) {
      edits.push({ messageId, html, buttons: markup?.inline_keyboard.flat().map((b) => b.text) ?? [] });
      return editAnswer() ?? { kind: "sent", messageId };
    },
  };
  return { sent, edits, transport };
}

async function drain(transport: Transport): Promise<void> {
  const sender = createOutboxSender({
    db,
    transport,
    pacer: createPacer({ rate: 1000, chatIntervalMs: 0 }),
    clock: fixedClock(NOW.toISOString()),
    logger,
    idleMs: 10,
  });
  await sender.start();
  for (let i = 0; i < 100; i++) {
    const busy = await db.selectFrom("outbox").select("id").where("state", "in", ["queued", "sending"]).execute();
    if (busy.length === 0) break;
    await new Promise((r) => setTimeout(r, 10));
  }
  await sender.stop();
}

const notice = (text: string) =>
  queueMessages(db, [{ chatId: CHAT, dedupeKey: "n:1", message: { type: "text", text, html: true } }], NOW);
const edit = (html: string, n = 1) =>
  queueEdits(
    db,
    [
      {
        of: "n:1",
        dedupeKey: editKey("n:1", new Date(n)),
        html,
        markup: { inline_keyboard: [[{ text: "Licence", callback_data: "lic" }]] },
      },
    ],
    NOW,
  );

describe("editing a message sent through the outbox", () => {
  it("a message not sent yet is rewritten where it waits, and goes out once, as it is now", async () => {
    await notice("Pending");
    await edit("Approved");
    const { sent, edits, transport } = recordingTransport();
    await drain(transport);
    expect(sent.map((s) => (s.message.type === "text" ? s.message.text : ""))).toEqual(["Approved"]);
    expect(edits).toEqual([]);
  });

  it("a sent message is edited in place: the Telegram message it became gets the new text and buttons", async () => {
    await notice("Pending");
    const { edits, transport } = recordingTransport();
    await drain(transport);
    const [row] = await db.selectFrom("outbox").select(["message_id"]).where("dedupe_key", "=", "n:1").execute();
    expect(row?.message_id).toBe(101);
    await edit("Approved");
    await drain(transport);
    expect(edits).toEqual([{ messageId: 101, html: "Approved", buttons: ["Licence"] }]);
  });

  it("of two versions waiting, only the newer reaches the message: an older one never undoes it", async () => {
    await notice("Pending");
    const { edits, transport } = recordingTransport();
    await drain(transport);
    await edit("Approved", 1);
    await edit("Approved, then cancelled", 2);
    await drain(transport);
    expect(edits.map((e) => e.html)).toEqual(["Approved, then cancelled"]);
  });

  it("an edit Telegram calls 'not modified' counts as done, not as a failure", async () => {
    await notice("Pending");
    const first = recordingTransport();
    await drain(first.transport);
    await edit("Pending");
    const { transport } = recordingTransport(() => ({ kind: "failed", reason: "400: Bad Request: message is not modified" }));
    await drain(transport);
    const row = await db
      .selectFrom("outbox")
      .select("state")
      .where("dedupe_key", "=", editKey("n:1", new Date(1)))
      .executeTakeFirstOrThrow();
    expect(row.state).toBe("sent");
  });

  it("an edit of a message that never reached its chat is dropped", async () => {
    await notice("Pending");
    await db.updateTable("outbox").set({ state: "blocked" }).where("dedupe_key", "=", "n:1").execute();
    await edit("Approved");
    const { edits, transport } = recordingTransport();
    await drain(transport);
    expect(edits).toEqual([]);
    expect(
      await db
        .selectFrom("outbox")
        .select("id")
        .where("dedupe_key", "=", editKey("n:1", new Date(1)))
        .execute(),
    ).toEqual([]);
  });

  it("an edit queued while its message was in flight at a crash applies after that message is sent again", async () => {
    await notice("Pending");
    await db.updateTable("outbox").set({ state: "sending" }).where("dedupe_key", "=", "n:1").execute();
    await edit("Approved");
    const { sent, edits, transport } = recordingTransport();
    await drain(transport);
    expect(sent).toHaveLength(1);
    expect(edits.map((e) => [e.messageId, e.html])).toEqual([[101, "Approved"]]);
  });
});
