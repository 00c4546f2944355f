import { unwrap, type Database } from '@partnership-tracker/core';
import { describe, expect, it } from 'vitest';
import { fixtureStore } from '../__fixtures__/partnership.js';
import { ReportCache } from './reportCache.js';

/** A cache whose computations are counted, to see which requests were answered from it. */
function countingCache(maxEntries?: number) {
  const cache = new ReportCache(maxEntries);
  const computed: string[] = [];
  const get = (db: Database, key: string) =>
    cache.get(db, key, () => {
      computed.push(key);
      return `${key} at revision ${db.revision}`;
    });
  return { cache, computed, get };
}

describe('ReportCache', () => {
  it('computes a report once for the same data', async () => {
    const db = await (await fixtureStore()).read();
    const { computed, get } = countingCache();
    expect(get(db, 'digest 2024/25 Q4')).toBe(`digest 2024/25 Q4 at revision ${db.revision}`);
    expect(get(db, 'digest 2024/25 Q4')).toBe(`digest 2024/25 Q4 at revision ${db.revision}`);
    expect(computed).toEqual(['digest 2024/25 Q4']);
  });

  it('computes again after a commit, from the new data', async () => {
    const store = await fixtureStore();
    const { computed, get } = countingCache();
    const before = await store.read();
    get(before, 'digest 2024/25 Q4');
    unwrap(await store.commit([{ type: 'action.update', ref: 'A-1', progress: 70 }], { actor: { kind: 'person', personId: 'owner' }, at: '2025-06-10T09:00:00Z' }));
    const after = await store.read();
    expect(get(after, 'digest 2024/25 Q4')).toBe(`digest 2024/25 Q4 at revision ${before.revision + 1}`);
    expect(computed).toEqual(['digest 2024/25 Q4', 'digest 2024/25 Q4']);
  });

  it('keeps a different period as a different entry', async () => {
    const db = await (await fixtureStore()).read();
    const { computed, get } = countingCache();
    get(db, 'digest 2024/25 Q4');
    expect(get(db, 'digest 2024/25 Q3')).toBe(`digest 2024/25 Q3 at revision ${db.revision}`);
    get(db, 'digest 2024/25 Q4');
    get(db, 'digest 2024/25 Q3');
    expect(computed).toEqual(['digest 2024/25 Q4', 'digest 2024/25 Q3']);
  });

  it('computes again for other data at the same revision (a file replaced by another process)', async () => {
    const db = await (await fixtureStore()).read();
    const { computed, get } = countingCache();
    get(db, 'funding 2024/25');
    get(structuredClone(db), 'funding 2024/25');
    expect(computed).toEqual(['funding 2024/25', 'funding 2024/25']);
  });

  it('keeps at most its limit, dropping the least recently used', async () => {
    const db = await (await fixtureStore()).read();
    const { cache, computed, get } = countingCache(2);
    get(db, 'a');
    get(db, 'b');
    get(db, 'a');
    get(db, 'c');
    expect(cache.size).toBe(2);
    get(db, 'a');
    get(db, 'b');
    expect(computed).toEqual(['a', 'b', 'c', 'b']);
  });

  it('refuses a limit below one entry', () => {
    expect(() => new ReportCache(0)).toThrow('A report cache needs room for at least one entry, not 0.');
  });
});
