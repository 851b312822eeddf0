import { GrammyError, HttpError } from "grammy";
import { startApp } from "./app.js";
import { systemClock } from "./clock.js";
import { loadConfigOrExit } from "./env.js";
import { createLogger } from "./logger.js";

const config = loadConfigOrExit();
const logger = createLogger(config.logLevel);

if (!config.botToken) {
  console.error(
    [
      "BOT_TOKEN is not set, so the bot cannot start.",
      "To get one: open Telegram, talk to @BotFather, send /newbot and follow the steps;",
      "then put the token in .env as BOT_TOKEN=123456789:AA... (see .env.example) and run npm start again.",
    ].join("\n"),
  );
  process.exit(1);
}

try {
  const app = await startApp({ ...config, botToken: config.botToken }, { clock: systemClock, logger });
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
    console.error(`Telegram rejected BOT_TOKEN (401 Unauthorized) at ${config.telegramApiRoot}. Check the token @BotFather gave you, or ask it for a new one with /token.`);
    process.exit(1);
  }
  if (error instanceof HttpError) {
    console.error(`Cannot reach the Bot API at ${config.telegramApiRoot}: ${error.message}. Check TELEGRAM_API_ROOT and the network.`);
    process.exit(1);
  }
  logger.fatal({ err: error }, "start-up failed");
  process.exit(1);
}
