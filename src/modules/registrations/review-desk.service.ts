import type { Kysely } from "kysely";
import type { Fair } from "../../domain/catalog.js";
import type { Locale } from "../../domain/locale.js";
import type { Database } from "../../platform/db/schema.js";
import { countByStatus, listFairRegistrations } from "./registrations.repository.js";
import { boothsLeft } from "./registrations.service.js";
import { DESK_PAGE_SIZE, type DeskPage, deskOrder, pageCount } from "./review-desk.views.js";
import { staffFacts } from "./staff-card.js";

/** One page of a fair's review desk; a page past the end shows the last one (decisions may have shortened the list). */
export async function loadDeskPage(db: Kysely<Database>, fair: Fair, page: number, fallback: Locale): Promise<DeskPage> {
  const rows = deskOrder(await listFairRegistrations(db, fair.id));
  const pages = pageCount(rows.length);
  const shown = Math.min(Math.max(0, page), pages - 1);
  const first = shown * DESK_PAGE_SIZE;
  const entries = [];
  for (const row of rows.slice(first, first + DESK_PAGE_SIZE)) entries.push({ row, facts: await staffFacts(db, row, fallback) });
  return {
    fair,
    counts: await countByStatus(db, fair.id),
    left: await boothsLeft(db, fair.id),
    entries,
    page: shown,
    pages,
  };
}
