import { sql } from "kysely";
import type { DB } from "../db/connection.js";
import { pendingMigrations } from "../db/migrate.js";
import { type Route, sendJson } from "./server.js";

/**
 * `GET /healthz`: the process answers. `GET /readyz`: it can do its work — the database answers,
 * every migration is applied, and the Bot API answered at start (getMe). 503 with the failing
 * check otherwise, for a load balancer or a process manager to act on.
 */
export function healthRoutes(deps: { db: DB; botApiReachable: () => boolean }): Route[] {
  return [
    { method: "GET", path: "/healthz", handle: (_request, response) => sendJson(response, 200, { status: "ok" }) },
    {
      method: "GET",
      path: "/readyz",
      async handle(_request, response) {
        const checks: Record<string, string> = {};
        try {
          await sql`select 1`.execute(deps.db);
          checks.database = "ok";
          const pending = await pendingMigrations(deps.db);
          checks.migrations = pending.length === 0 ? "ok" : `not applied: ${pending.join(", ")}`;
        } catch (error) {
          checks.database = `unreachable: ${(error as Error).message}`;
        }
        checks.botApi = deps.botApiReachable() ? "ok" : "not reached yet (the log names the address tried and what to check)";
        const ready = Object.values(checks).every((value) => value === "ok");
        sendJson(response, ready ? 200 : 503, { status: ready ? "ready" : "not ready", checks });
      },
    },
  ];
}
