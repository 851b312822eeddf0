import type { UserFromGetMe } from "grammy/types";

/** Messages between the bot process (bench/qa.ts) and the load process (bench/qa-load.ts). */
export type LoadRequest =
  | { id: number; op: "open"; server: string; token: string }
  | { id: number; op: "closed"; server: string; rounds: number; offset: number }
  | { id: number; op: "paced"; server: string; seconds: number; offset: number }
  | { id: number; op: "shutdown" };

export interface ServerInfo {
  apiRoot: string;
  botInfo: UserFromGetMe;
}

/** What the load process saw in one phase; times are its own `performance.now()`. */
export interface LoadResult {
  answers: number;
  wallMs: number;
  /** Question sent → the bot's reply request arrived at the fake API, one per answer, sorted. */
  latencies: number[];
  /** Error replies, "unknown command" replies, or (echo bot) a text other than the question. */
  failures: number;
  /** Questions without any reply within 10 s (the chat then went on). */
  lost: number;
  /** CPU time of the load process during the phase (fake API + load generator), ms. */
  cpuMs: number;
}

export type LoadResponse =
  | { id: number; ok: true; result: ServerInfo | LoadResult | null }
  | { id: number; ok: false; error: string };

export const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
