import { createHash } from "node:crypto";
import type { Api } from "grammy";
import { describedMenus, setCommands } from "./bot/commands.js";
import type { BotDeps } from "./bot/context.js";
import { staffMenuState, syncStaffMenus } from "./modules/staff/menus.service.js";
import { onceFor } from "./platform/jobs/fleet.js";

/**
 * The public command menu, set once for the fleet: again only when what it says changed (a new
 * version, another bot). A menu that could not be set is tried again at the next start.
 */
export async function announceCommands(api: Api, botId: number, deps: BotDeps): Promise<void> {
  const { db, i18n, menus, config, logger } = deps;
  const wanted = fingerprintOf(botId, describedMenus(i18n, menus, config.defaultLocale));
  await onceFor(db, "commands", wanted, () => setCommands(api, i18n, menus, config.defaultLocale)).catch((error: unknown) =>
    logger.warn({ err: error }, "setMyCommands failed; the command menu may be out of date"),
  );
}

/** The staff's menus, set once for the fleet when the staff (or the menus) changed; what failed is tried at the next start. */
export async function announceStaffMenus(api: Api, botId: number, deps: BotDeps, now: Date): Promise<void> {
  const { db, i18n, menus, config, logger } = deps;
  const wanted = fingerprintOf(botId, describedMenus(i18n, menus, config.defaultLocale), await staffMenuState(db));
  await onceFor(db, "staff-menus", wanted, async () => {
    let failed = 0;
    await syncStaffMenus(api, deps, now, (chatId, error) => {
      failed++;
      logger.warn({ err: error, chatId }, "could not set the staff command menu");
    });
    if (failed > 0) throw new Error(`${failed} staff menus not set`);
  });
}

const fingerprintOf = (...parts: unknown[]) => createHash("sha256").update(JSON.stringify(parts)).digest("hex");
