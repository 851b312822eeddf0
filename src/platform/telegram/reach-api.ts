import { setTimeout as sleep } from "node:timers/promises";
import { GrammyError, HttpError } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import type { Logger } from "../../logger.js";
import { createBotApiHttp } from "./http-client.js";

/** How long the start-up getMe may take: long enough for a slow link, short enough that a blocked one is reported at once. */
export const REACH_TIMEOUT_SECONDS = 5;
/** Waits between tries while the Bot API cannot be reached; the last repeats. */
export const REACH_RETRY_SECONDS = [5, 10, 30, 60];

/** A Bot API address as it may be printed: the bot's id shows, the secret part of the token never does. */
export function maskedMethodUrl(apiRoot: string, token: string, method: string): string {
  return `${apiRoot}/bot${token.split(":")[0]}:***/${method}`;
}

/** Why a call did not get through, from the network error under grammY's HttpError, the token masked. */
function reasonOf(error: HttpError, token: string): string {
  const cause = error.error as { name?: string; message?: string; code?: string; cause?: { code?: string; message?: string } };
  const detail = cause?.cause?.message ?? cause?.message ?? error.message;
  // Cut off by grammY's timeout or by the HTTP client's deadline (undici's "Headers Timeout Error"), whichever came first.
  const timedOut = cause?.name === "AbortError" || /abort|timed out|timeout/i.test(`${detail} ${error.message}`);
  const reason = timedOut ? `no answer within ${REACH_TIMEOUT_SECONDS} s` : detail;
  return reason.replaceAll(token, "<token>");
}

export function unreachableMessage(url: string, reason: string, retryInSeconds: number): string {
  return (
    `Cannot reach the Bot API at ${url} (${reason}). Check: that this machine can open connections to it ` +
    "(a firewall, or an HTTP proxy it has to go through); TELEGRAM_API_ROOT, if you use a self-hosted Bot API " +
    "server or a proxy in front of Telegram; and that Telegram is not blocked on this network (it is on some: " +
    "run a Bot API server or proxy where it is reachable and point TELEGRAM_API_ROOT at it). " +
    `Trying again in ${retryInSeconds} s; the bot starts as soon as it answers.`
  );
}

/**
 * Calls getMe until the Bot API answers, each try cut off after REACH_TIMEOUT_SECONDS: without
 * this, a start-up on a network that drops Telegram's packets waits on timeouts in silence for
 * minutes. Every failure is logged with the URL tried and what to check, then tried again after
 * 5 s, 10 s, 30 s, then every 60 s. Telegram's own refusals (401: a wrong token) are not retried:
 * they are thrown for the caller to report.
 */
export async function reachBotApi(options: {
  token: string;
  apiRoot: string;
  logger: Logger;
  retrySeconds?: readonly number[];
}): Promise<UserFromGetMe> {
  const { token, apiRoot, logger } = options;
  const retrySeconds = options.retrySeconds ?? REACH_RETRY_SECONDS;
  const http = createBotApiHttp({ timeoutSeconds: REACH_TIMEOUT_SECONDS });
  const api = http.api(token, apiRoot);
  const url = maskedMethodUrl(apiRoot, token, "getMe");
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        const me = await api.getMe();
        if (attempt > 0) logger.warn({ url, attempts: attempt + 1 }, `The Bot API at ${apiRoot} answers again: starting.`);
        return me;
      } catch (error) {
        if (error instanceof GrammyError || !(error instanceof HttpError)) throw error;
        const wait = retrySeconds[Math.min(attempt, retrySeconds.length - 1)]!;
        logger.error({ url, retryInSeconds: wait }, unreachableMessage(url, reasonOf(error, token), wait));
        await sleep(wait * 1000);
      }
    }
  } finally {
    await http.close();
  }
}
