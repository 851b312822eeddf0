import type { Logger } from "../logger.js";
import { matchRoute, type Route } from "../platform/http/server.js";
import type { Route as SandboxRoute } from "./bot-api-server.js";

/**
 * The bot's public pages (routes of its own HTTP server) as one route of the sandbox's server, so
 * they are at the sandbox's address beside the chat page. Mount it after the chat page, whose
 * Host check then covers these pages too.
 */
export function appPages(routes: readonly Route[], logger: Logger): SandboxRoute {
  return async (req, res, url) => {
    for (const route of routes) {
      const params = matchRoute(route, req.method ?? "GET", url.pathname);
      if (!params) continue;
      try {
        await route.handle(req, res, params);
      } catch (error) {
        logger.error({ err: error }, "HTTP request failed");
        if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain; charset=utf-8" });
        res.end("internal error");
      }
      return true;
    }
    return false;
  };
}
