// A writer that stalls while it holds the data file's lock (SIGSTOP here; a laptop's sleep, heavy
// swapping or a long synchronous parse in life) must not cost anyone an acknowledged change,
// whether another process commits meanwhile or not. Real processes, real files.
import { spawn } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { unwrap } from '../common/base/result.js';
import { actors, by, sampleDatabase } from '../common/store/__fixtures__/sampleDatabase.js';
import { commitWorker, ensureCoreBuilt } from './__fixtures__/builtCore.js';
import { createDataFile } from './createDataFile.js';
import { openFileStore, type FileStore } from './fileStore.js';

beforeAll(() => {
  ensureCoreBuilt();
}, 120_000);

let directory: string;
let path: string;
const stores: FileStore[] = [];

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'ptrack-stall-'));
  path = join(directory, 'partnership.json');
});

afterEach(async () => {
  await Promise.all(stores.splice(0).map((store) => store.close()));
  await rm(directory, { recursive: true, force: true });
});

interface Outcome {
  note: string;
  ok: boolean;
  code: string | null;
}

/** A second process that commits `count` notes and freezes itself the first time it reaches `fault`. */
function freezingWriter(fault: string, count: number, compaction?: object) {
  const args = [commitWorker, 'freeze', path, fault, 'frozen-writer', String(count), ...(compaction === undefined ? [] : [JSON.stringify(compaction)])];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const lines = createInterface({ input: child.stdout! });
  const outcomes: Outcome[] = [];
  let frozen!: () => void;
  const reachedFreeze = new Promise<void>((resolve) => (frozen = resolve));
  lines.on('line', (line) => {
    if (line === 'frozen') frozen();
    else if (line.startsWith('{')) outcomes.push(JSON.parse(line) as Outcome);
  });
  const exit = new Promise<number | string | null>((resolve) => child.on('exit', (code, signal) => resolve(signal ?? code)));
  return { child, reachedFreeze, outcomes, exit, stderr: () => stderr };
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Every note whose commit was acknowledged must be in the data a newly opened store reads. */
async function expectNothingAcknowledgedLost(acknowledged: string[]): Promise<void> {
  const store = unwrap(await openFileStore(path));
  stores.push(store);
  const notes = (await store.read()).actions[0]!.history.map((entry) => entry.note);
  expect(acknowledged.filter((note) => !notes.includes(note))).toEqual([]);
}

// Longer than the stale time of the lock this store used to take (10 s) and than any lease a
// store could reasonably choose: the stall outlasts whatever a takeover would wait for.
const STALL_MS = 11_000;

describe('a writer frozen while it holds the lock, past any stale time, then resumed', () => {
  const logAlways = { rewriteBelowBytes: 0, maxLogEntries: 1000, maxLogFraction: 1000 };
  it.each([
    ['rewriting the data file', 'midWrite', undefined, 2],
    ['about to append to the change log', 'beforeAppend', logAlways, 2],
    ['appending to the change log', 'midAppend', logAlways, 2],
    ['installing a compaction it prepared in the background', 'beforeCompactionRename', { ...logAlways, maxLogEntries: 1 }, 3],
  ] as const)('costs no acknowledged change when another process commits meanwhile (%s)', async (_, fault, compaction, count) => {
    unwrap(await createDataFile(path, sampleDatabase()));
    // Open already, as the bot is when someone runs ptrack.
    const other = unwrap(await openFileStore(path));
    stores.push(other);
    const writer = freezingWriter(fault, count, compaction);
    await writer.reachedFreeze;
    const committing = other.commit([{ type: 'action.update', ref: 'A-1', note: 'while the other was frozen' }], by(actors.owner));
    await wait(STALL_MS);
    writer.child.kill('SIGCONT');
    const result = await committing;
    expect([await writer.exit, writer.stderr()]).toEqual([0, '']);
    const acknowledged = [...writer.outcomes.filter((o) => o.ok).map((o) => o.note), ...(result.success ? ['while the other was frozen'] : [])];
    // Each refusal is one the caller can act on by trying again.
    for (const refused of [...writer.outcomes.filter((o) => !o.ok).map((o) => o.code), ...(result.success ? [] : [result.error.code])]) {
      expect(['store.lock_lost', 'store.locked']).toContain(refused);
    }
    expect(acknowledged.length).toBeGreaterThan(0);
    await expectNothingAcknowledgedLost(acknowledged);
  }, 60_000);
});

describe('a writer whose lock was taken from it while it was frozen (its lock file removed, as a lost lease on a shared disk would)', () => {
  const logAlways = { rewriteBelowBytes: 0, maxLogEntries: 1000, maxLogFraction: 1000 };
  it.each([
    ['rewriting the data file', 'midWrite', undefined, 2],
    ['about to append to the change log', 'beforeAppend', logAlways, 2],
    ['installing a compaction it prepared in the background', 'beforeCompactionRename', { ...logAlways, maxLogEntries: 1 }, 3],
  ] as const)('installs nothing once resumed, and says so (%s)', async (_, fault, compaction, count) => {
    unwrap(await createDataFile(path, sampleDatabase()));
    const other = unwrap(await openFileStore(path));
    stores.push(other);
    const writer = freezingWriter(fault, count, compaction);
    await writer.reachedFreeze;
    await rm(`${path}.lock`);
    const result = await other.commit([{ type: 'action.update', ref: 'A-1', note: 'after the lock was taken' }], by(actors.owner));
    expect(result.success).toBe(true);
    writer.child.kill('SIGCONT');
    expect([await writer.exit, writer.stderr()]).toEqual([0, '']);
    if (fault !== 'beforeCompactionRename') {
      // The commit it was making when it froze: refused, nothing of it written.
      expect(writer.outcomes[0]).toEqual({ note: 'frozen-writer 1', ok: false, code: 'store.lock_lost' });
    }
    const acknowledged = ['after the lock was taken', ...writer.outcomes.filter((o) => o.ok).map((o) => o.note)];
    await expectNothingAcknowledgedLost(acknowledged);
    const notes = (await (await openFileStore(path).then(unwrap)).read()).actions[0]!.history.map((entry) => entry.note);
    for (const refused of writer.outcomes.filter((o) => !o.ok)) expect(notes).not.toContain(refused.note);
  }, 60_000);
});

describe('readers in other processes', () => {
  it('never see a change another process has written but not yet made durable', async () => {
    unwrap(await createDataFile(path, sampleDatabase()));
    const reader = unwrap(await openFileStore(path));
    stores.push(reader);
    const writer = freezingWriter('midAppend', 1, { rewriteBelowBytes: 0, maxLogEntries: 1000, maxLogFraction: 1000 });
    await writer.reachedFreeze;
    // The line is in the log file, not yet fsynced.
    expect((await stat(`${path}.log`)).size).toBeGreaterThan(0);
    expect((await reader.read()).revision).toBe(0);
    expect(await openFileStore(path, { lockWaitMs: 0 }).then((r) => (r.success ? 'opened' : r.error.code))).toBe('store.locked');
    writer.child.kill('SIGCONT');
    expect(await writer.exit).toBe(0);
    expect((await reader.read()).actions[0]!.history.map((entry) => entry.note)).toContain('frozen-writer 1');
  }, 60_000);
});
