import { type Fair, placeUnit, unitKey } from "../../domain/catalog.js";
import { formatDateRange, todayIn } from "../../domain/dates.js";
import { deadlineStatus, deadlineTimes } from "../../domain/deadline.js";
import { provinceName } from "../../domain/province.js";
import { Html } from "../../domain/translate.js";
import { type AvailabilityByFair, availabilityLine } from "../catalog/fair-availability.service.js";
import { isOpenForRegistration } from "../catalog/fairs.service.js";
import { esc, layout, OG_LOCALE, type SiteView, scriptJson, sitePath } from "./page-layout.js";

/** What the event page links to outside itself: the bot at this fair, and its QR code (inline SVG). */
export interface FairLinks {
  botLink: string;
  qrSvg: string;
}

const mapLink = (query: string) => `https://www.openstreetmap.org/search?query=${encodeURIComponent(query)}`;

/** schema.org Event: what search engines and link previews read of the event. */
function jsonLd(view: SiteView, fair: Fair, url: string, availability: AvailabilityByFair): object {
  const { locale, catalog, now } = view;
  const places = availability.get(fair.id);
  return {
    "@context": "https://schema.org",
    "@type": "Event",
    name: fair.name[locale],
    url,
    inLanguage: locale === "zh" ? "zh-Hans" : locale,
    startDate: fair.startsOn,
    endDate: fair.endsOn,
    eventStatus: "https://schema.org/EventScheduled",
    eventAttendanceMode: "https://schema.org/OfflineEventAttendanceMode",
    location: {
      "@type": "Place",
      name: fair.venue[locale],
      address: { "@type": "PostalAddress", addressLocality: fair.city[locale], addressRegion: fair.province },
    },
    organizer: { "@type": "Organization", name: fair.organizer[locale] },
    description: fair.theme?.[locale] ?? fair.name[locale],
    keywords: fair.sectors.map((id) => catalog.sectors.get(id)?.name[locale] ?? id).join(", ") || undefined,
    maximumAttendeeCapacity: fair.boothCapacity,
    ...(places && isOpenForRegistration(fair, now) ? { remainingAttendeeCapacity: places.left } : {}),
    offers: {
      "@type": "Offer",
      url,
      ...(fair.boothFee ? { description: fair.boothFee[locale] } : {}),
      availabilityEnds: fair.registrationDeadline,
      availability: isOpenForRegistration(fair, now) ? "https://schema.org/InStock" : "https://schema.org/SoldOut",
    },
  };
}

function head(view: SiteView, fair: Fair, url: string, description: string, availability: AvailabilityByFair): string {
  const { locale } = view;
  const meta = (property: string, content: string) => `<meta property="${property}" content="${esc(content)}">`;
  return [
    meta("og:type", "website"),
    meta("og:site_name", view.t("site.name")),
    meta("og:title", fair.name[locale]),
    meta("og:description", description),
    meta("og:url", url),
    meta("og:locale", OG_LOCALE[locale]),
    `<link rel="canonical" href="${esc(url)}">`,
    `<script type="application/ld+json">${scriptJson(jsonLd(view, fair, url, availability))}</script>`,
    "",
  ].join("\n");
}

/** The fair's facts, line by line, in the bot card's words (the same locale keys). */
function facts(view: SiteView, fair: Fair, availability: AvailabilityByFair): string[] {
  const { t, locale, catalog, now, timezone } = view;
  const venue = `${fair.venue[locale]}, ${fair.city[locale]}`;
  const unit = placeUnit(fair.kind);
  const lines = [
    t("fair.dates", { dates: formatDateRange(fair.startsOn, fair.endsOn, locale) }),
    `${t("fair.place", { venue: fair.venue[locale], city: fair.city[locale] })} · <a href="${esc(mapLink(venue))}" rel="noopener">${esc(t("site.map"))}</a>`,
    t("fair.organizer", { organizer: fair.organizer[locale] }),
    t("fair.kind", { kind: t(`fair.kinds.${fair.kind}`) }),
    t("gate.province", { province: provinceName(t, fair.province) }),
  ];
  if (fair.theme) lines.push(t("fair.theme", { theme: fair.theme[locale] }));
  lines.push(t(unitKey("fair.capacity", unit), { capacity: fair.boothCapacity }));
  const places = availabilityLine(t, fair, availability, now);
  if (places) lines.push(places);
  lines.push(fair.boothFee ? t(unitKey("fair.fee", unit), { fee: fair.boothFee[locale] }) : t(unitKey("fair.fee_unknown", unit)));
  const sectors = fair.sectors.map((id) => catalog.sectors.get(id)?.name[locale] ?? id);
  if (sectors.length > 0) lines.push(t("fair.sectors", { sectors: sectors.join(t("common.separator")) }));
  lines.push(t("fair.deadline", deadlineTimes(fair.registrationDeadline, locale)));
  lines.push(`➜ ${deadlineStatus(t, fair.registrationDeadline, now, timezone)}`);
  const contact = fair.contactId ? catalog.contacts.get(fair.contactId) : undefined;
  if (contact) {
    lines.push(t("fair.contact", { name: contact.name[locale] }));
    if (contact.phone)
      lines.push(
        t("contact.phone", {
          phone: new Html(`<a href="tel:${esc(contact.phone.replace(/[^\d+]/g, ""))}">${esc(contact.phone)}</a>`),
        }),
      );
    if (contact.email)
      lines.push(t("contact.email", { email: new Html(`<a href="mailto:${esc(contact.email)}">${esc(contact.email)}</a>`) }));
  }
  return lines;
}

/** GET /fairs/<id>: the event's card, its calendar links, and the way into the bot (link and QR code). */
export function fairPage(view: SiteView, fair: Fair, availability: AvailabilityByFair, links: FairLinks): string {
  const { t, locale, now, timezone } = view;
  const url = `${view.origin}/fairs/${fair.id}?lang=${locale}`;
  const ics = `${view.origin}${sitePath(`/fairs/${fair.id}.ics`, locale)}`;
  const feed = `${view.origin}${sitePath("/calendar.ics", locale)}`.replace(/^https?:/, "webcal:");
  const today = todayIn(now, timezone);
  const description = `${formatDateRange(fair.startsOn, fair.endsOn, locale)} · ${t("calendar.location", { venue: new Html(fair.venue[locale]), city: new Html(fair.city[locale]) })}`;
  const status =
    fair.startsOn <= today && today <= fair.endsOn
      ? `<p class="status">${t("fair.status_ongoing")}</p>`
      : fair.endsOn < today
        ? `<p class="status">${t("fair.status_ended")}</p>`
        : "";
  const register = isOpenForRegistration(fair, now)
    ? t(unitKey("fair.register_button", placeUnit(fair.kind)))
    : t("site.open_in_telegram");
  const main = `<p><a href="${esc(sitePath("/fairs", locale))}">${esc(t("site.back_to_list"))}</a></p>
<article class="card">
<h1>${esc(fair.name[locale])}</h1>
${status}
<div class="facts">
${facts(view, fair, availability)
  .map((line) => `<p>${line}</p>`)
  .join("\n")}
</div>
<p class="actions"><a class="button" href="${esc(links.botLink)}">${esc(register)}</a> <a class="button light" href="${esc(ics)}" download="${fair.id}.ics">${esc(t("calendar.button"))}</a> <a class="button light" href="${esc(feed)}">${esc(t("site.subscribe"))}</a></p>
</article>
<section class="card qr" aria-label="${esc(t("site.qr_label"))}">
${links.qrSvg}
<p>${esc(t("site.qr_caption"))}<br><a href="${esc(links.botLink)}">${esc(links.botLink)}</a></p>
</section>`;
  return layout(view, {
    title: fair.name[locale],
    path: `/fairs/${fair.id}`,
    description,
    head: head(view, fair, url, description, availability),
    main,
  });
}
