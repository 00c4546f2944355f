// Writers killed with SIGKILL at arbitrary moments, over and over, on one data file: no change
// any of them was told was committed may be missing afterwards, and the history must stay one
// unbroken sequence. Real processes, real files; the moments come from a seeded generator, so a
// failure can be replayed.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { unwrap } from '../common/base/result.js';
import { sampleDatabase } from '../common/store/__fixtures__/sampleDatabase.js';
import { commitWorker, ensureCoreBuilt } from './__fixtures__/builtCore.js';
import { createDataFile } from './createDataFile.js';
import { openFileStore } from './fileStore.js';

beforeAll(() => {
  ensureCoreBuilt();
}, 120_000);

let directory: string;
let path: string;

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'ptrack-crash-'));
  path = join(directory, 'partnership.json');
});

afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

/** A small deterministic generator (mulberry32), so a failing run can be repeated. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Writer {
  readonly child: ChildProcess;
  readonly exit: Promise<unknown>;
  /** How many of its commits were acknowledged so far. */
  readonly acks: () => number;
}

/** Starts a writer committing notes labelled `label`; every acknowledged note is added to `acknowledged`. */
function startWriter(label: string, acknowledged: string[], refusals: string[], compaction?: object): Writer {
  const args = [commitWorker, 'loop', path, label, '100000', ...(compaction === undefined ? [] : [JSON.stringify(compaction)])];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'ignore'] });
  let acks = 0;
  createInterface({ input: child.stdout! }).on('line', (line) => {
    if (line.startsWith('ack ')) {
      acknowledged.push(line.slice(4));
      acks++;
    } else if (line.startsWith('refused ')) refusals.push(line.slice(8));
  });
  const exit = new Promise((resolve) => child.on('exit', resolve));
  return { child, exit, acks: () => acks };
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function killLoop(seed: number, compaction?: object): Promise<void> {
  unwrap(await createDataFile(path, sampleDatabase()));
  const next = random(seed);
  const acknowledged: string[] = [];
  const refusals: string[] = [];
  let generation = 0;
  const writers: Writer[] = Array.from({ length: 3 }, () => startWriter(`w${generation++}`, acknowledged, refusals, compaction));
  for (let kill = 0; kill < 24; kill++) {
    const victim = Math.floor(next() * writers.length);
    // Killed while it is committing (not while Node starts), at a moment within its next commits.
    while (writers[victim]!.acks() === 0 && writers[victim]!.child.exitCode === null) await wait(5);
    expect(writers[victim]!.child.exitCode).toBeNull();
    await wait(next() * 60);
    writers[victim]!.child.kill('SIGKILL');
    await writers[victim]!.exit;
    writers[victim] = startWriter(`w${generation++}`, acknowledged, refusals, compaction);
  }
  await wait(200);
  for (const writer of writers) writer.child.kill('SIGKILL');
  await Promise.all(writers.map((writer) => writer.exit));

  const store = unwrap(await openFileStore(path));
  try {
    const db = unwrap(await store.readWithHistory());
    const notes = db.actions[0]!.history.map((entry) => entry.note);
    expect(acknowledged.length).toBeGreaterThan(50);
    expect(acknowledged.filter((note) => !notes.includes(note))).toEqual([]);
    // One unbroken history: every revision once, every note once.
    expect(db.audit.map((entry) => entry.seq)).toEqual(Array.from({ length: db.revision }, (_, index) => index + 1));
    expect(new Set(notes).size).toBe(notes.length);
    // Writers waited for each other; none was refused for a lost lock or a broken file.
    expect(refusals).toEqual([]);
  } finally {
    await store.close();
  }
}

describe('many writers killed with SIGKILL over and over', () => {
  it('lose no acknowledged change when each commit rewrites the data file', async () => {
    await killLoop(20261205);
  }, 120_000);

  it('lose no acknowledged change through the change log and its compactions', async () => {
    await killLoop(19700101, { rewriteBelowBytes: 0, maxLogEntries: 15 });
  }, 120_000);
});

describe('a holder that dies, and two processes that want the lock at once', () => {
  it('gives the lock to one at a time: both sets of commits kept, one revision each', async () => {
    unwrap(await createDataFile(path, sampleDatabase()));
    const holder = spawn(process.execPath, [commitWorker, 'hold-lock', path], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve) => createInterface({ input: holder.stdout! }).once('line', () => resolve()));
    const acknowledged: string[] = [];
    const refusals: string[] = [];
    const takers = ['first', 'second'].map((label) => {
      const child = spawn(process.execPath, [commitWorker, 'loop', path, label, '40'], { stdio: ['ignore', 'pipe', 'ignore'] });
      createInterface({ input: child.stdout! }).on('line', (line) => {
        if (line.startsWith('ack ')) acknowledged.push(line.slice(4));
        else refusals.push(line);
      });
      return new Promise((resolve) => child.on('exit', resolve));
    });
    await wait(300);
    expect(acknowledged).toEqual([]);
    holder.kill('SIGKILL');
    expect(await Promise.all(takers)).toEqual([0, 0]);
    expect(refusals).toEqual([]);
    const store = unwrap(await openFileStore(path));
    try {
      const db = await store.read();
      expect(db.revision).toBe(80);
      expect(new Set(db.actions[0]!.history.map((entry) => entry.note))).toEqual(new Set(['Created', ...acknowledged]));
      expect(acknowledged).toHaveLength(80);
    } finally {
      await store.close();
    }
  }, 60_000);
});
