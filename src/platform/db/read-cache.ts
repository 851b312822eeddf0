import type { Kysely } from "kysely";
import { dataVersion } from "./connection.js";
import { isPostgres } from "./postgres.js";
import type { Database } from "./schema.js";

/**
 * Rows kept in memory for one database handle, least recently used evicted past `max`. The
 * repository that owns it makes its writes through `change`; a commit by another connection
 * (another process) empties it, seen through SQLite's data_version, which is read once per turn
 * of the event loop (see dataVersion). A read that overlapped a write is not kept, so a stale row
 * is never cached. A handle that is not the database itself (a transaction) reads through,
 * uncached.
 */
export class ReadCache<K, V> {
  private readonly entries = new Map<K, V>();
  private writes = 0;
  private version: number | undefined;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly max: number,
  ) {}

  /** The value of `key`, loaded once; a kept value that `fresh` refuses is loaded again. */
  async read(key: K, load: () => Promise<V>, fresh?: (value: V) => boolean): Promise<V> {
    const version = dataVersion(this.db);
    if (version === undefined) return load();
    if (version !== this.version) this.entries.clear();
    this.version = version;
    if (this.entries.has(key) && (fresh === undefined || fresh(this.entries.get(key) as V))) {
      const value = this.entries.get(key) as V;
      this.entries.delete(key); // re-inserted last: the least recently used is evicted first
      this.entries.set(key, value);
      return value;
    }
    const writes = this.writes;
    const value = await load();
    if (this.writes === writes && this.version === version) {
      this.entries.set(key, value);
      if (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value as K);
    }
    return value;
  }

  /** Runs a write of one key (or, without a key, of any), dropping what it may change before and after. */
  async change<T>(key: K | undefined, write: () => Promise<T>): Promise<T> {
    if (isPostgres(this.db)) return write(); // nothing is kept there (read() reads through)
    // Another handle's cache would not hear of this write, and data_version does not move for a
    // connection's own commits: a write through a transaction would leave the database's cache stale.
    if (dataVersion(this.db) === undefined) throw new Error("ReadCache: write through the database handle, not a transaction");
    this.forget(key);
    try {
      return await write();
    } finally {
      this.forget(key);
    }
  }

  private forget(key: K | undefined): void {
    this.writes++;
    if (key === undefined) this.entries.clear();
    else this.entries.delete(key);
  }
}

/** One cache per database handle and purpose, so test databases never share rows. */
export function cachePerDatabase<K, V>(max: number): (db: Kysely<Database>) => ReadCache<K, V> {
  const caches = new WeakMap<Kysely<Database>, ReadCache<K, V>>();
  return (db) => {
    let cache = caches.get(db);
    if (!cache) caches.set(db, (cache = new ReadCache<K, V>(db, max)));
    return cache;
  };
}
