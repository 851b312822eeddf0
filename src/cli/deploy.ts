import { Api } from "grammy";
import { loadConfigOrExit } from "../env.js";
import { ensureWebhook, removeWebhook } from "../platform/telegram/webhook.js";
import { exitWithUsage, runWithDatabase } from "./run.js";

// `npm run deploy`: tells Telegram how to reach this bot — the webhook of WEBHOOK_URL (with
// WEBHOOK_SECRET), or none for long polling — and shows what Telegram has. The bot does the same
// at start when it changed; this is for a deploy script, or to check.
const config = loadConfigOrExit();
if (!config.botToken) exitWithUsage("npm run deploy needs BOT_TOKEN (and WEBHOOK_URL with WEBHOOK_SECRET for a webhook).");
const api = new Api(config.botToken, { apiRoot: config.telegramApiRoot });

await runWithDatabase(config.database, async (db) => {
  if (config.webhook) {
    await ensureWebhook(api, db, config.webhook, { force: true });
    console.log(`Webhook registered: Telegram will POST updates to ${config.webhook.url}`);
  } else {
    const removed = await removeWebhook(api, db);
    console.log(removed ? "Webhook removed: the bot will use long polling." : "No webhook: the bot uses long polling.");
  }
  const info = await api.getWebhookInfo();
  console.log(
    `Telegram reports: url ${info.url || "(none)"}, ${info.pending_update_count} update(s) waiting${info.last_error_message ? `, last error: ${info.last_error_message}` : ""}`,
  );
});
