import { GrammyError, HttpError } from "grammy";
import { startApp } from "./app.js";
import { systemClock } from "./clock.js";
import { loadConfigOrExit } from "./env.js";
import { createLogger } from "./logger.js";
import { startSandbox } from "./sandbox/sandbox.js";

const config = loadConfigOrExit();
const logger = createLogger(config.logLevel);

/** Without BOT_TOKEN: the real bot against a local Bot API server, with a chat page in the browser. */
async function sandbox(): Promise<{ stop(): Promise<void> }> {
  try {
    const running = await startSandbox(config, { clock: systemClock, logger });
    console.log(
      `Sandbox mode (no BOT_TOKEN): open ${running.url} to chat with the bot. To go live, put your BotFather token in .env as BOT_TOKEN.`,
    );
    return running;
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

try {
  const app = config.botToken
    ? await startApp({ ...config, botToken: config.botToken }, { clock: systemClock, logger })
    : await sandbox();
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "stopping");
    await app.stop();
    process.exit(0);
  };
  process.once("SIGINT", () => void shutdown("SIGINT"));
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
} catch (error) {
  if (error instanceof GrammyError && error.error_code === 401) {
    console.error(
      `Telegram rejected BOT_TOKEN (401 Unauthorized) at ${config.telegramApiRoot}. Check the token @BotFather gave you, or ask it for a new one with /token.`,
    );
    process.exit(1);
  }
  if (error instanceof HttpError) {
    console.error(
      `Cannot reach the Bot API at ${config.telegramApiRoot}: ${error.message}. Check TELEGRAM_API_ROOT and the network.`,
    );
    process.exit(1);
  }
  logger.fatal({ err: error }, "start-up failed");
  process.exit(1);
}
