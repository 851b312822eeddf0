import type { Kysely } from "kysely";
import { DateTime } from "luxon";
import { LOCALES, type Locale } from "../../domain/locale.js";
import type { BroadcastRow, Database, OutboxRow } from "../../platform/db/schema.js";
import { messageProblem, type OutgoingMessage } from "../../platform/outbox/message.js";
import { cancelQueued, enqueue, type StateCounts } from "../../platform/outbox/outbox.repository.js";
import { type Audience, resolveAudience } from "./audience.service.js";
import { findBroadcast, insertBroadcast, markCancelled } from "./broadcasts.repository.js";

export const BROADCAST_KIND = "broadcast";

export type VersionKey = "default" | Locale;

/** The message of a broadcast: a default, and optionally a version per language. */
export type BroadcastContent = { default: OutgoingMessage } & Partial<Record<Locale, OutgoingMessage>>;

/** What an outbox row of a broadcast carries: which version its chat gets. */
export interface BroadcastPayload {
  version: VersionKey;
}

export type BroadcastProblem =
  | { kind: "too_long"; version: VersionKey; limit: number; length: number }
  | { kind: "no_recipients" };

export class BroadcastRefused extends Error {
  constructor(readonly problem: BroadcastProblem) {
    super(`broadcast refused: ${problem.kind}`);
    this.name = "BroadcastRefused";
  }
}

/** The version a reader of `locale` gets. */
export const versionFor = (content: BroadcastContent, locale: Locale): VersionKey => (content[locale] ? locale : "default");

export const versionsOf = (content: BroadcastContent): VersionKey[] => ["default", ...LOCALES.filter((l) => content[l])];

/** The first version Telegram would refuse (4096 characters of text, 1024 of caption), if any. */
export function contentProblem(content: BroadcastContent): BroadcastProblem | undefined {
  for (const version of versionsOf(content)) {
    const problem = messageProblem(content[version]!);
    if (problem) return { kind: "too_long", version, ...problem };
  }
  return undefined;
}

export interface NewBroadcastInput {
  createdBy: number;
  content: BroadcastContent;
  audience: Audience;
  /** When to start; now or earlier starts at once. */
  sendAt: Date;
  defaultLocale: Locale;
  /** A message already sent to the author that becomes the status message (else one is sent later). */
  statusMessage?: { chatId: number; messageId: number };
}

/**
 * Checks the message, resolves the audience and writes the broadcast with one outbox row per
 * recipient in a single transaction: either all of it is queued, or nothing is.
 */
export async function createBroadcast(
  db: Kysely<Database>,
  input: NewBroadcastInput,
  now: Date,
): Promise<{ id: number; recipients: number }> {
  const problem = contentProblem(input.content);
  if (problem) throw new BroadcastRefused(problem);
  const nowIso = now.toISOString();
  const startsNow = input.sendAt.getTime() <= now.getTime();
  const sendAt = startsNow ? nowIso : input.sendAt.toISOString();
  return db.transaction().execute(async (trx) => {
    const recipients = await resolveAudience(trx, input.audience, input.defaultLocale);
    if (recipients.length === 0) throw new BroadcastRefused({ kind: "no_recipients" });
    const id = await insertBroadcast(
      trx,
      {
        createdBy: input.createdBy,
        content: input.content,
        audience: input.audience,
        recipients: recipients.length,
        sendAt,
        status: startsNow ? "sending" : "scheduled",
        statusChatId: input.statusMessage?.chatId ?? input.createdBy,
        statusMessageId: input.statusMessage?.messageId,
      },
      nowIso,
    );
    await enqueue(
      trx,
      recipients.map((r) => ({
        kind: BROADCAST_KIND,
        dedupeKey: `broadcast:${id}:${r.chatId}`,
        chatId: r.chatId,
        payload: { version: versionFor(input.content, r.locale) } satisfies BroadcastPayload,
        notBefore: sendAt,
        broadcastId: id,
      })),
      nowIso,
    );
    return { id, recipients: recipients.length };
  });
}

/** Stops a broadcast: rows still queued are dropped. False when it had already ended. */
export async function cancelBroadcast(
  db: Kysely<Database>,
  id: number,
  by: number,
  now: Date,
): Promise<{ cancelled: boolean; dropped: number }> {
  const nowIso = now.toISOString();
  return db.transaction().execute(async (trx) => {
    if (!(await markCancelled(trx, id, by, nowIso))) return { cancelled: false, dropped: 0 };
    return { cancelled: true, dropped: await cancelQueued(trx, id, nowIso) };
  });
}

export const parseContent = (row: Pick<BroadcastRow, "content">): BroadcastContent => JSON.parse(row.content) as BroadcastContent;
/**
 * How the outbox sender reads a broadcast's row: the version its chat gets, from the broadcast's
 * content, read once per broadcast (a broadcast's rows share it).
 */
export function broadcastReader(
  db: Kysely<Database>,
): (row: Pick<OutboxRow, "broadcast_id" | "payload">) => Promise<OutgoingMessage | undefined> {
  const contents = new Map<number, BroadcastContent | null>();
  return async (row) => {
    if (row.broadcast_id === null) return undefined;
    if (!contents.has(row.broadcast_id)) {
      if (contents.size > 100) contents.clear();
      const broadcast = await findBroadcast(db, row.broadcast_id);
      contents.set(row.broadcast_id, broadcast ? parseContent(broadcast) : null);
    }
    const content = contents.get(row.broadcast_id);
    const { version } = JSON.parse(row.payload) as BroadcastPayload;
    return content ? (content[version] ?? content.default) : undefined;
  };
}

export const parseAudience = (row: Pick<BroadcastRow, "audience">): Audience => JSON.parse(row.audience) as Audience;

/** Where a broadcast stands, from its outbox rows. */
export interface BroadcastProgress {
  total: number;
  sent: number;
  failed: number;
  blocked: number;
  cancelled: number;
  /** Still to go: queued or in flight. */
  remaining: number;
}

export function progressOf(recipients: number, counts: StateCounts): BroadcastProgress {
  return {
    total: recipients,
    sent: counts.sent,
    failed: counts.failed,
    blocked: counts.blocked,
    cancelled: counts.cancelled,
    remaining: counts.queued + counts.sending,
  };
}

const TIME_FORMATS = ["d/M/yyyy H:mm", "yyyy-M-d H:mm", "d/M/yyyy", "yyyy-M-d"];

/**
 * A send time typed by staff, in the offices' zone: "25/11/2026 08:00" or "2026-11-25 08:00"; a
 * date alone means 08:00. Undefined when it is not a time, "past" when it is not in the future.
 */
export function parseSendTime(text: string, zone: string, now: Date): Date | "past" | undefined {
  const clean = text.trim().replace(/\s+/g, " ");
  for (const format of TIME_FORMATS) {
    let time = DateTime.fromFormat(clean, format, { zone });
    if (!time.isValid) continue;
    if (!format.includes("H")) time = time.set({ hour: 8 });
    return time.toMillis() > now.getTime() ? time.toJSDate() : "past";
  }
  return undefined;
}
