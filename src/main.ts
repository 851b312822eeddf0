import { GrammyError, HttpError } from "grammy";
import { startApp } from "./app.js";
import { systemClock } from "./clock.js";
import { loadConfigOrExit } from "./env.js";
import { createLogger } from "./logger.js";
import { DatabaseCheckError } from "./platform/db/check.js";
import { startSandbox } from "./sandbox/sandbox.js";

const config = loadConfigOrExit();
const logger = createLogger(config.logLevel);

/** Without BOT_TOKEN: the real bot against a local Bot API server, with a chat page in the browser. */
async function sandbox() {
  try {
    const running = await startSandbox(config, { clock: systemClock, logger });
    console.log(
      `Sandbox mode (no BOT_TOKEN): open ${running.url} to chat with the bot. To go live, put your BotFather token in .env as BOT_TOKEN.`,
    );
    return { failure: running.app.failure, stop: () => running.stop() };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EADDRINUSE") {
      console.error(
        `Sandbox mode (no BOT_TOKEN): port ${config.sandboxPort} on 127.0.0.1 is in use. Stop what uses it, or set SANDBOX_PORT to another port.`,
      );
      process.exit(1);
    }
    throw error;
  }
}

/** What to tell the operator about a Telegram failure that ends the bot, at start-up or later; undefined for anything else. */
function explain(error: unknown): string | undefined {
  if (error instanceof DatabaseCheckError) return `Cannot start: ${error.message}`;
  if (error instanceof GrammyError && error.error_code === 401) {
    return `Telegram rejected BOT_TOKEN (401 Unauthorized) at ${config.telegramApiRoot}. Check the token @BotFather gave you, or ask it for a new one with /token.`;
  }
  if (error instanceof GrammyError && error.error_code === 404) {
    return `The Bot API at ${config.telegramApiRoot} answered 404 Not Found for this bot. Check BOT_TOKEN and TELEGRAM_API_ROOT.`;
  }
  if (error instanceof HttpError) {
    return `Cannot reach the Bot API at ${config.telegramApiRoot}: ${error.message}. Check TELEGRAM_API_ROOT and the network.`;
  }
  if ((error as NodeJS.ErrnoException)?.code === "EADDRINUSE") {
    return `The bot's HTTP server cannot listen on ${config.http.host}:${config.http.port}: the port is in use. Stop what uses it, or set PORT (and HOST) to another.`;
  }
  if (error instanceof GrammyError && error.method === "setWebhook") {
    return `Telegram refused the webhook ${config.webhook?.url}: ${error.description}. Check WEBHOOK_URL (a public https:// address) and WEBHOOK_SECRET.`;
  }
  return undefined;
}

try {
  const app = config.botToken
    ? await startApp({ ...config, botToken: config.botToken }, { clock: systemClock, logger })
    : await sandbox();
  let stopping = false;
  const shutdown = async (reason: string, code: number) => {
    if (stopping) return;
    stopping = true;
    logger.info({ reason }, "stopping");
    await app.stop();
    process.exit(code);
  };
  process.once("SIGINT", () => void shutdown("SIGINT", 0));
  process.once("SIGTERM", () => void shutdown("SIGTERM", 0));
  // Polling ends by itself only when Telegram no longer accepts the token (revoked with /revoke).
  void app.failure.then((error) => {
    const message = explain(error);
    if (message) console.error(message);
    else logger.fatal({ err: error }, "polling stopped");
    return shutdown("polling stopped", 1);
  });
} catch (error) {
  const message = explain(error);
  if (message) {
    console.error(message);
    process.exit(1);
  }
  logger.fatal({ err: error }, "start-up failed");
  process.exit(1);
}
