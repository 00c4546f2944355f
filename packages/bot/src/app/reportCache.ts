import type { Database } from '@partnership-tracker/core';

/** How many computed reports one snapshot keeps: a few quarters, years and groups at most. */
export const DEFAULT_REPORT_CACHE_ENTRIES = 32;

/**
 * Reports computed from one snapshot of the data, so that asking again before the next change
 * costs nothing (a quarter's digest at 1× is about 35 ms on the event loop, and twenty people
 * asking at once queue behind each other). Entries belong to one snapshot: a snapshot of another
 * revision, or another snapshot object, empties the cache, so a commit is never answered from
 * older data. At most `maxEntries` are kept, the least recently used going first.
 */
export class ReportCache {
  // Weak, so the cache never keeps a superseded snapshot (a whole partnership) alive.
  private snapshot: WeakRef<Database> | undefined;
  private revision: number | undefined;
  private readonly entries = new Map<string, unknown>();

  constructor(private readonly maxEntries = DEFAULT_REPORT_CACHE_ENTRIES) {
    if (!Number.isInteger(maxEntries) || maxEntries < 1) throw new Error(`A report cache needs room for at least one entry, not ${maxEntries}.`);
  }

  /** The report named `key` for `db`: computed on the first request since the data changed, remembered after. */
  get<T>(db: Database, key: string, compute: () => T): T {
    if (this.revision !== db.revision || this.snapshot?.deref() !== db) {
      this.entries.clear();
      this.snapshot = new WeakRef(db);
      this.revision = db.revision;
    }
    if (this.entries.has(key)) {
      const value = this.entries.get(key) as T;
      // Re-inserted, so the Map's order is least recently used first.
      this.entries.delete(key);
      this.entries.set(key, value);
      return value;
    }
    const value = compute();
    this.entries.set(key, value);
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    return value;
  }

  /** How many reports are held now. */
  get size(): number {
    return this.entries.size;
  }
}
