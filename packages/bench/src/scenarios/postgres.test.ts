// The PostgreSQL change's floor must do the work it stands for: the store's writes for the same
// change, not fewer. Its timings are the bench's business; here only what it wrote is checked.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unwrap } from '@partnership-tracker/core';
import { createDataFile, createScratchDatabase, openPgStore, testDatabaseServer } from '@partnership-tracker/core/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticPartnership, type Workload } from '../synthetic/partnership.js';
import { pgCommits, pgLoad } from './postgres.js';

let directory: string;
let server: { url: string; stop(): Promise<void> };
let url: string;
let workload: Workload;

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'ptrack-bench-pg-'));
  server = await testDatabaseServer();
  url = await createScratchDatabase(server.url, 'bench');
  const generated = syntheticPartnership({ scale: 0.1 });
  workload = generated.workload;
  const path = join(directory, 'partnership.json');
  unwrap(await createDataFile(path, generated.db, { force: true }));
  await pgLoad({ path, url, id: 'bench' });
}, 300_000);

afterAll(async () => {
  await server?.stop();
  await rm(directory, { recursive: true, force: true });
});

async function readPartnership(id: string) {
  const store = unwrap(await openPgStore(url, id));
  try {
    return unwrap(await store.readWithHistory());
  } finally {
    await store.close();
  }
}

describe('the PostgreSQL change and its floor', () => {
  it('leaves the floor’s partnership, read back from its rows, as the store leaves its own: the same revisions, records, history items and audit', async () => {
    const before = await readPartnership('bench-copy-1');
    const samples = await pgCommits({ url, id: 'bench', floorId: 'bench-copy-1', workload, iterations: 3 });
    expect(samples.floor).toHaveLength(3);
    expect(samples.store).toHaveLength(3);

    const [floor, store] = [await readPartnership('bench-copy-1'), await readPartnership('bench')];
    // Five untimed changes, then three timed, each a revision of its own.
    expect(floor.revision).toBe(before.revision + 8);
    expect(floor.audit.length).toBe(before.audit.length + 8);
    const ref = workload.owner.openActionRefs[0]!;
    const history = (db: typeof floor) => db.actions.find((action) => action.ref === ref)!.history;
    expect(history(floor).length).toBeGreaterThan(history(before).length);
    expect(floor).toEqual(store);
  });
});
