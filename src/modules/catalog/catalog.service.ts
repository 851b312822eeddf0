import type { Kysely } from "kysely";
import type { Catalog, CatalogSource } from "../../domain/catalog.js";
import type { Database } from "../../platform/db/schema.js";
import { getCatalogVersion } from "./catalog-version.repository.js";
import { listContacts } from "./contacts.repository.js";
import { findFairTopics, listFairs } from "./fairs.repository.js";
import { listGates } from "./gates.repository.js";
import { SearchIndex } from "./search.js";
import { listSectors } from "./sectors.repository.js";

const CHECK_EVERY_MS = 1000;

const indexes = new WeakMap<Catalog, SearchIndex>();

/** The search index of a catalog, built once per loaded catalog (an import loads a new one). */
export function searchIndexOf(catalog: Catalog): SearchIndex {
  let index = indexes.get(catalog);
  if (!index) indexes.set(catalog, (index = new SearchIndex(catalog)));
  return index;
}

export async function loadCatalog(db: Kysely<Database>): Promise<Catalog> {
  const version = await getCatalogVersion(db);
  const [sectors, contacts, gates, fairs] = await Promise.all([listSectors(db), listContacts(db), listGates(db), listFairs(db)]);
  return {
    version,
    sectors: new Map(sectors.map((s) => [s.id, s])),
    contacts: new Map(contacts.map((c) => [c.id, c])),
    gates: new Map(gates.map((g) => [g.id, g])),
    fairs: new Map(fairs.map((f) => [f.id, f])),
  };
}

/**
 * The catalog and its search index, kept in memory and rebuilt when the catalog version in the
 * database moves — which an import in another process (npm run import) also does.
 * The version is read at most once a second: an import shows within a second, and a busy bot
 * does not spend a query per update on it. Wall time on purpose: the bot's clock may be fixed.
 */
export function createCatalogCache(db: Kysely<Database>): CatalogSource {
  let current: Catalog | undefined;
  let loading: Promise<Catalog> | undefined;
  let checkedAt = -Infinity;
  return {
    async get() {
      if (current && Date.now() - checkedAt < CHECK_EVERY_MS) return current;
      const version = await getCatalogVersion(db);
      checkedAt = Date.now();
      if (current && current.version === version) return current;
      loading ??= loadCatalog(db)
        .then((catalog) => (current = catalog))
        .finally(() => (loading = undefined));
      return loading;
    },
  };
}

/** A fair's id, province and sectors, read in `db` (a transaction may pass itself); undefined when it is gone. */
export const fairTopics = findFairTopics;
