// Data files written by earlier versions, checked in as they were written: every later version
// must open them and read the same data. See __fixtures__/formats/README.md.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { unwrap } from '../common/base/result.js';
import { actors, by } from '../common/store/__fixtures__/sampleDatabase.js';
import { applyCommands } from '../common/store/applyCommands.js';
import { CURRENT_SCHEMA_VERSION, type Database } from '../common/store/database.js';
import { migrations, type Migration } from '../common/store/migrations.js';
import { ensureCoreBuilt } from './__fixtures__/builtCore.js';
import { changeLine } from './changeLog.js';
import { openFileStoreWith } from './fileStore.js';
import { readDataJson, serializeDatabase, toDatabase } from './snapshotFile.js';

const formats = new URL('./__fixtures__/formats/', import.meta.url);
const logAlways = { compaction: { rewriteBelowBytes: 0, maxLogEntries: 1000, maxLogFraction: 1000, background: false } };

beforeAll(() => {
  ensureCoreBuilt();
}, 120_000);

const directories: string[] = [];
afterEach(async () => {
  await Promise.all(directories.splice(0).map((directory) => rm(directory, { recursive: true, force: true })));
});

/** A copy of a fixture folder to open (the fixtures themselves are never written). */
async function copyOf(format: string): Promise<string> {
  const directory = await mkdtemp(join(tmpdir(), `ptrack-format-${format}-`));
  directories.push(directory);
  await cp(new URL(`${format}/`, formats), directory, { recursive: true });
  return join(directory, 'partnership.json');
}

/** What the fixtures hold, as this version reads it: migrated like any data file of its version. */
async function expected(): Promise<unknown> {
  const json = unwrap(readDataJson(await readFile(new URL('expected-database.json', formats), 'utf8'), 'expected-database.json'));
  return JSON.parse(JSON.stringify(unwrap(toDatabase(json, 'expected-database.json')).db)) as unknown;
}

const plain = (db: Database) => JSON.parse(JSON.stringify(db)) as unknown;

/**
 * The audit as the comparison sees it. A first-versions log is replayed through today's commands,
 * whose audit entries record what today's code wrote (a later schema's fields included): the
 * same changes, to the same records, by the same people at the same moments.
 */
function comparable(db: unknown, format: string): unknown {
  if (format !== 'v1-commands') return db;
  const { audit, ...rest } = db as { audit: Array<Record<string, unknown>> };
  return { ...rest, audit: audit.map(({ seq, at, by, command, entity, entityId }) => ({ seq, at, by, command, entity, entityId })) };
}

/** The schema version a fixture's data file was written at. */
async function versionOf(format: string): Promise<number> {
  return (JSON.parse(await readFile(new URL(`${format}/partnership.json`, formats), 'utf8')) as { version: number }).version;
}

describe.each(['v1-commands', 'v2-records'])('a data file with a change log as written in format %s', (format) => {
  it('opens and reads exactly the data it holds', async () => {
    const store = unwrap(await openFileStoreWith(await copyOf(format), {}, logAlways));
    try {
      expect(comparable(plain(unwrap(await store.readWithHistory())), format)).toEqual(comparable(await expected(), format));
    } finally {
      await store.close();
    }
  });

  it('takes the next change and keeps everything', async () => {
    const path = await copyOf(format);
    const store = unwrap(await openFileStoreWith(path, {}, logAlways));
    try {
      unwrap(await store.commit([{ type: 'action.update', ref: 'A-1', progress: 60 }], by(actors.owner)));
      const reopened = unwrap(await openFileStoreWith(path, {}, logAlways));
      const db = await reopened.read();
      await reopened.close();
      expect(db.revision).toBe(6);
      expect(db.actions[0]!.history.map((entry) => entry.progress)).toEqual([0, 40, 60]);
      const lines = (await readFile(`${path}.log`, 'utf8').catch(() => '')).split('\n').filter(Boolean);
      // A log of the first versions' format is never appended to, and a data file of an older
      // schema version is written back whole: either way the change rewrote the data file.
      const rewritten = format === 'v1-commands' || (await versionOf(format)) < CURRENT_SCHEMA_VERSION;
      expect(lines.map((line) => (JSON.parse(line) as { v?: number }).v ?? 1)).toEqual(rewritten ? [] : [2, 2, 2, 2, 2, 2]);
    } finally {
      await store.close();
    }
  });
});

describe('a change log written at an older schema version', () => {
  // A test chain: at version 0 the partnership's area was written in lower case, and the
  // migration to version 1 capitalises it; version 1 validates as today.
  const chain: Record<number, Migration> = {
    ...migrations,
    0: (data) => ({ ...data, partnership: { ...(data.partnership as object), area: 'Croydon' } }),
  };

  it('is replayed on the data as it was, then migrated with it, so an upgrade opens it', async () => {
    const path = await copyOf('v2-records');
    const { db } = unwrap(toDatabase(unwrap(readDataJson(await readFile(path, 'utf8'), path)), path));
    const versionZero = { ...db, version: 0, partnership: { ...db.partnership, area: 'croydon' }, revision: 0 } as unknown as Database;
    await writeFile(path, serializeDatabase(versionZero));
    // Two changes logged by the version-0 program: records at schema 0.
    let current = { ...db, revision: 0 } as Database;
    const lines: string[] = [];
    for (const [progress, at] of [[70, '2025-06-04T09:00:00.000Z'], [80, '2025-06-05T09:00:00.000Z']] as const) {
      const outcome = unwrap(applyCommands(current, [{ type: 'action.update', ref: 'A-1', progress }], { actor: actors.owner, at }));
      current = outcome.db;
      lines.push(changeLine({ version: 0, revision: current.revision }, { at, actor: actors.owner }, outcome.changes, outcome.audit));
    }
    await writeFile(`${path}.log`, lines.join(''));

    const store = unwrap(await openFileStoreWith(path, {}, { migrations: chain }));
    try {
      const read = await store.read();
      expect(read.partnership.area).toBe('Croydon');
      expect(read.revision).toBe(2);
      expect(read.actions[0]!.history.map((entry) => entry.progress).slice(-2)).toEqual([70, 80]);
    } finally {
      await store.close();
    }
  });
});
