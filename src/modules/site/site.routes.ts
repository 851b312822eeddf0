import type http from "node:http";
import type { Kysely } from "kysely";
import type { Clock } from "../../clock.js";
import type { CatalogSource } from "../../domain/catalog.js";
import { LOCALES, type Locale } from "../../domain/locale.js";
import type { Database } from "../../platform/db/schema.js";
import { sendCached } from "../../platform/http/cached.js";
import type { Route } from "../../platform/http/server.js";
import type { I18n } from "../../platform/telegram/i18n.js";
import { availabilityOfOpenFairs } from "../catalog/fair-availability.service.js";
import { fairFeed, fairsFeed, lastRevised } from "./calendar-feed.js";
import { contactsPage, gatesPage } from "./directory-pages.views.js";
import { fairPage } from "./fair-page.views.js";
import { fairsPage } from "./fairs-page.views.js";
import { esc, layout, type SiteView, sitePath } from "./page-layout.js";
import { fairBotLink, qrSvg } from "./poster.service.js";
import { requestLocale, requestOrigin } from "./site-request.js";
import { STYLESHEET } from "./site-style.js";

export interface SiteDeps {
  db: Kysely<Database>;
  catalog: CatalogSource;
  i18n: I18n;
  clock: Clock;
  /** The offices' zone, where days are counted. */
  timezone: string;
  defaultLocale: Locale;
  botUsername: string;
  siteUrl: string | undefined;
}

const HTML = "text/html; charset=utf-8";
const ICS = "text/calendar; charset=utf-8";
const FAIR_ID = "([a-z0-9][a-z0-9-]{0,47})";

/**
 * The public, read-only site: the fairs, each fair's page and calendar file, the gates and the
 * contacts, in the reader's language, drawn from the catalog cache (so an import shows at once)
 * and the places left — never anything of a registrant. Every answer carries an ETag, so a
 * browser or a calendar app that has it already gets 304.
 */
export function siteRoutes(deps: SiteDeps): Route[] {
  const languageNames = Object.fromEntries(LOCALES.map((l) => [l, deps.i18n.t(l, "site.language_name")])) as Record<
    Locale,
    string
  >;
  const qrCodes = new Map<string, Promise<string>>();
  const qrOf = (link: string) => {
    let svg = qrCodes.get(link);
    if (!svg) qrCodes.set(link, (svg = qrSvg(link)));
    return svg;
  };

  async function viewOf(request: http.IncomingMessage): Promise<{ view: SiteView; query: URLSearchParams }> {
    const query = new URL(request.url ?? "/", "http://localhost").searchParams;
    const locale = requestLocale(query.get("lang"), request.headers["accept-language"], deps.defaultLocale);
    const view: SiteView = {
      t: deps.i18n.translator(locale),
      locale,
      catalog: await deps.catalog.get(),
      now: deps.clock(),
      timezone: deps.timezone,
      origin: requestOrigin(request, deps.siteUrl),
      languageNames,
    };
    return { view, query };
  }

  const notFound = (request: http.IncomingMessage, response: http.ServerResponse, view: SiteView) => {
    const { t, locale } = view;
    const main = `<h1>${t("site.not_found_title")}</h1>\n<p>${t("site.not_found")}</p>\n<p><a href="${esc(sitePath("/fairs", locale))}">${t("site.back_to_list")}</a></p>`;
    const body = layout(view, { title: t("site.not_found_title"), path: "/fairs", main });
    response.writeHead(404, { "content-type": HTML, "content-length": Buffer.byteLength(body), "cache-control": "no-cache" });
    response.end(request.method === "HEAD" ? undefined : body);
  };

  const page =
    (draw: (view: SiteView, query: URLSearchParams) => string | Promise<string>): Route["handle"] =>
    async (request, response) => {
      const { view, query } = await viewOf(request);
      sendCached(request, response, { body: await draw(view, query), type: HTML });
    };

  return [
    {
      method: "GET",
      path: "/",
      handle: (request, response) => {
        const lang = new URL(request.url ?? "/", "http://localhost").searchParams.get("lang");
        response.writeHead(302, { location: lang ? `/fairs?lang=${encodeURIComponent(lang)}` : "/fairs" });
        response.end();
      },
    },
    {
      method: "GET",
      path: "/fairs",
      handle: page((view, query) =>
        fairsPage(view, { province: query.get("province") || undefined, kind: query.get("kind") || undefined }),
      ),
    },
    {
      method: "GET",
      path: new RegExp(`^/fairs/${FAIR_ID}\\.ics$`),
      async handle(request, response, [id]) {
        const { view } = await viewOf(request);
        const fair = view.catalog.fairs.get(id!);
        if (!fair) return notFound(request, response, view);
        sendCached(request, response, {
          body: fairFeed(view, fair),
          type: ICS,
          lastModified: lastRevised([fair]),
          headers: { "content-disposition": `attachment; filename="${fair.id}.ics"` },
        });
      },
    },
    {
      method: "GET",
      path: new RegExp(`^/fairs/${FAIR_ID}$`),
      async handle(request, response, [id]) {
        const { view } = await viewOf(request);
        const fair = view.catalog.fairs.get(id!);
        if (!fair) return notFound(request, response, view);
        const availability = await availabilityOfOpenFairs(deps.db, view);
        const botLink = fairBotLink(deps.botUsername, fair.id);
        const body = fairPage(view, fair, availability, { botLink, qrSvg: await qrOf(botLink) });
        sendCached(request, response, { body, type: HTML });
      },
    },
    { method: "GET", path: "/gates", handle: page(gatesPage) },
    { method: "GET", path: "/contacts", handle: page(contactsPage) },
    {
      method: "GET",
      path: "/calendar.ics",
      async handle(request, response) {
        const { view, query } = await viewOf(request);
        const feed = fairsFeed(view, { province: query.get("province") || undefined });
        sendCached(request, response, { body: feed.body, type: ICS, lastModified: lastRevised(feed.fairs) });
      },
    },
    {
      method: "GET",
      path: "/site.css",
      handle: (request, response) =>
        sendCached(request, response, {
          body: STYLESHEET,
          type: "text/css; charset=utf-8",
          // Pages link it with its hash in the query: a changed stylesheet has a new address.
          cacheControl: "public, max-age=31536000, immutable",
        }),
    },
  ];
}
