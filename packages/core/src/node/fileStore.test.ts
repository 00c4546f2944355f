// These tests use real files in a temp directory (never lowdb's in-memory NODE_ENV=test mode),
// and run second processes from core's dist/ (rebuilt first if older than the source).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { access, appendFile, chmod, lstat, mkdir, mkdtemp, readFile, readdir, rename, rm, stat, symlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { unwrap, type Result } from '../common/base/result.js';
import { migrations, type Migration } from '../common/store/migrations.js';
import { actors, by, sampleDatabase } from '../common/store/__fixtures__/sampleDatabase.js';
import { describeStoreContract } from '../common/store/__fixtures__/storeContract.js';
import { CURRENT_SCHEMA_VERSION, type Database } from '../common/store/database.js';
import { commitWorker, ensureCoreBuilt } from './__fixtures__/builtCore.js';
import { lockPathOf } from './companionFiles.js';
import { CompactionProcess, DEFAULT_COMPACTION, prepareCompaction } from './compaction.js';
import { createDataFile } from './createDataFile.js';
import { DatabaseFile } from './dataFile.js';
import { FileLock } from './fileLock.js';
import { openFileStore, openFileStoreWith, type FileStore } from './fileStore.js';
import { parseDataFile, serializeDatabase } from './snapshotFile.js';

// A store compacts a large file in a child process, which runs from dist/ (as in the bot and CLI).
beforeAll(() => {
  ensureCoreBuilt();
}, 120_000);

const contractDirectories: string[] = [];
describeStoreContract('FileStore', async (initial) => {
  const directory = await mkdtemp(join(tmpdir(), 'ptrack-contract-'));
  contractDirectories.push(directory);
  const path = join(directory, 'partnership.json');
  unwrap(await createDataFile(path, initial));
  return unwrap(await openFileStore(path));
}, async (store) => unwrap(await openFileStore((store as FileStore).path)));
afterAll(async () => {
  await Promise.all(contractDirectories.map((directory) => rm(directory, { recursive: true, force: true })));
});

let directory: string;
let path: string;
const stores: FileStore[] = [];

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'ptrack-store-'));
  path = join(directory, 'partnership.json');
});

afterEach(async () => {
  await Promise.all(stores.splice(0).map((store) => store.close()));
  await rm(directory, { recursive: true, force: true });
});

/** Opens the test's data file, failing the test if it cannot. */
async function open(options: Parameters<typeof openFileStore>[1] = {}): Promise<FileStore> {
  const store = unwrap(await openFileStore(path, options));
  stores.push(store);
  return store;
}

/** The error of a failed result, with the temp directory shown as <dir> so messages read plainly. */
function errorOf(result: Result<unknown>) {
  if (result.success) throw new Error('expected a failure');
  const { code, message } = result.error;
  return { code, message: message.replaceAll(directory, '<dir>') };
}

const exists = (file: string) => access(file).then(() => true, () => false);

/** Takes the data file's lock as another writer would (its own descriptor), until released. */
async function holdLock(file: string = path): Promise<() => void> {
  const other = new FileLock(lockPathOf(file), 0o600);
  const held = unwrap(await other.acquire({ waitMs: 0, displayName: file }));
  return () => {
    held.release();
    other.close();
  };
}

/** The sample database with `count` more actions, to make writes take a while. */
function largeDatabase(count: number): Database {
  const db = sampleDatabase();
  const a1 = db.actions[0]!;
  const history = Array.from({ length: 5 }, (_, index) => ({ ...a1.history[0]!, note: `Quarterly update ${index} with some words about progress` }));
  for (let index = 2; index <= count + 1; index++) {
    db.actions.push({ ...a1, ref: `A-${index}`, title: `Action number ${index} of the business plan`, history: [...history, a1.history[0]!] });
  }
  return db;
}

describe('creating a data file', () => {
  it('writes the database as 2-space indented JSON ending in a newline, for readable diffs', async () => {
    unwrap(await createDataFile(path, sampleDatabase()));
    const text = await readFile(path, 'utf8');
    expect(text).toBe(`${JSON.stringify(sampleDatabase(), null, 2)}\n`);
    expect(text.split('\n').slice(0, 3)).toEqual(['{', `  "version": ${CURRENT_SCHEMA_VERSION},`, '  "revision": 0,']);
  });

  it('refuses to overwrite an existing file, leaving it byte-for-byte unchanged', async () => {
    await writeFile(path, 'precious data, not even JSON');
    expect(errorOf(await createDataFile(path, sampleDatabase()))).toMatchInlineSnapshot(`
      {
        "code": "store.exists",
        "message": "<dir>/partnership.json already exists; refusing to overwrite it.",
      }
    `);
    expect(await readFile(path, 'utf8')).toBe('precious data, not even JSON');
  });

  it('replaces an existing file when forced', async () => {
    await writeFile(path, 'old');
    unwrap(await createDataFile(path, sampleDatabase(), { force: true }));
    expect(await readFile(path, 'utf8')).toBe(serializeDatabase(sampleDatabase()));
    expect((await readdir(directory)).sort()).toEqual(['partnership.json', 'partnership.json.lock']);
  });

  it('refuses an invalid database, naming the record, and writes nothing', async () => {
    const db = sampleDatabase();
    db.actions[0] = { ...db.actions[0]!, due: 'end of September' };
    expect(errorOf(await createDataFile(path, db))).toMatchInlineSnapshot(`
      {
        "code": "store.invalid",
        "message": "<dir>/partnership.json: actions[0].due: Invalid ISO date",
      }
    `);
    expect(await exists(path)).toBe(false);
  });

  it('creates the folder it goes in', async () => {
    path = join(directory, 'data', 'croydon', 'partnership.json');
    unwrap(await createDataFile(path, sampleDatabase()));
    expect((await open()).path).toBe(path);
  });
});

describe('opening a data file', () => {
  it('refuses a file that does not exist', async () => {
    expect(errorOf(await openFileStore(path))).toMatchInlineSnapshot(`
      {
        "code": "store.not_found",
        "message": "<dir>/partnership.json: no such file.",
      }
    `);
  });

  it('refuses a file that is not valid JSON, naming the file, line and column, and leaves it untouched', async () => {
    const text = serializeDatabase(sampleDatabase()).replace('"revision": 0,', '"revision": 0,,');
    await writeFile(path, text);
    expect(errorOf(await openFileStore(path))).toMatchInlineSnapshot(`
      {
        "code": "store.corrupt",
        "message": "<dir>/partnership.json: not valid JSON at line 3 column 17: unexpected ',' where a "quoted" property name should be",
      }
    `);
    expect(await readFile(path, 'utf8')).toBe(text);
  });

  it('refuses a valid JSON file with an invalid record, naming the file and the record path, and leaves it untouched', async () => {
    const db = sampleDatabase();
    const text = serializeDatabase(db).replace('"due": "2025-09-30"', '"due": "30/09/2025"');
    await writeFile(path, text);
    expect(errorOf(await openFileStore(path))).toMatchInlineSnapshot(`
      {
        "code": "store.invalid",
        "message": "<dir>/partnership.json: actions[0].due: Invalid ISO date",
      }
    `);
    expect(await readFile(path, 'utf8')).toBe(text);
  });

  it('refuses a file written by a newer version of the program, leaving it untouched', async () => {
    const newer = CURRENT_SCHEMA_VERSION + 1;
    const text = serializeDatabase(sampleDatabase()).replace(`"version": ${CURRENT_SCHEMA_VERSION}`, `"version": ${newer}`);
    await writeFile(path, text);
    expect(errorOf(await openFileStore(path))).toEqual({
      code: 'store.newer_version',
      message: `<dir>/partnership.json: version: ${newer} is newer than this program understands (${CURRENT_SCHEMA_VERSION}); upgrade Partnership Tracker`,
    });
    expect(await readFile(path, 'utf8')).toBe(text);
  });

  it('reads a file an editor saved with a byte-order mark', async () => {
    await writeFile(path, `\uFEFF${serializeDatabase(sampleDatabase())}`);
    expect(await (await open()).read()).toEqual(sampleDatabase());
  });
});

describe('migrating an older data file', () => {
  // A test chain: version 0 called actions "tasks" and had no revision counter.
  const chain: Record<number, Migration> = { ...migrations, 0: ({ tasks, ...rest }) => ({ ...rest, actions: tasks, revision: 0 }) };
  const versionZero = () => {
    const { actions, revision: _revision, ...rest } = sampleDatabase();
    return `${JSON.stringify({ ...rest, version: 0, tasks: actions }, null, 2)}\n`;
  };

  it('migrates at open, writing the file back only with the next commit', async () => {
    await writeFile(path, versionZero());
    const store = unwrap(await openFileStoreWith(path, {}, { migrations: chain }));
    stores.push(store);
    expect((await store.read()).actions.map((a) => a.ref)).toEqual(['A-1']);
    expect(await readFile(path, 'utf8')).toBe(versionZero());

    unwrap(await store.commit([{ type: 'action.update', ref: 'A-1', progress: 10 }], by(actors.owner)));
    const written = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
    expect([written.version, written.revision, 'tasks' in written, (written.actions as unknown[]).length]).toEqual([CURRENT_SCHEMA_VERSION, 1, false, 1]);
  });

  it('refuses a version with no migration, leaving the file untouched', async () => {
    await writeFile(path, versionZero());
    expect(errorOf(await openFileStore(path))).toMatchInlineSnapshot(`
      {
        "code": "store.no_migration",
        "message": "<dir>/partnership.json: version: no migration from 0 to 1",
      }
    `);
    expect(await readFile(path, 'utf8')).toBe(versionZero());
  });
});

describe('committing', () => {
  it('makes each commit durable: a newly opened store sees it', async () => {
    unwrap(await createDataFile(path, sampleDatabase()));
    const store = await open();
    unwrap(await store.commit([{ type: 'action.update', ref: 'A-1', progress: 40, note: 'Toolkit drafted' }], by(actors.owner)));
    const reopened = await open();
    expect(await reopened.read()).toEqual(await store.read());
    expect(await readFile(path, 'utf8')).toBe(serializeDatabase(await store.read()));
  });

  it('does not rewrite the file for a commit that changes nothing', async () => {
    unwrap(await createDataFile(path, sampleDatabase()));
    await utimes(path, new Date('2020-01-01T00:00:00Z'), new Date('2020-01-01T00:00:00Z'));
    const store = await open();
    unwrap(await store.commit([{ type: 'partnership.update', partnership: { area: 'Croydon' } }], by(actors.cli)));
    // The lock is given back just after the commit resolves; closing waits for that.
    await store.close();
    expect((await readdir(directory)).sort()).toEqual(['partnership.json', 'partnership.json.lock']);
    expect((await stat(path)).mtime.toISOString()).toBe('2020-01-01T00:00:00.000Z');
  });

  it('refuses a file another process left corrupt, keeps serving the last good data, and writes nothing', async () => {
    unwrap(await createDataFile(path, sampleDatabase()));
    const store = await open();
    await writeFile(path, '{"version": 1, "partnership": ');
    expect(await store.read()).toEqual(sampleDatabase());
    const result = await store.commit([{ type: 'action.update', ref: 'A-1', progress: 40 }], by(actors.owner));
    expect(errorOf(result)).toMatchInlineSnapshot(`
      {
        "code": "store.corrupt",
        "message": "<dir>/partnership.json: not valid JSON at line 1 column 31: unexpected end of file where a value should be",
      }
    `);
    expect(await readFile(path, 'utf8')).toBe('{"version": 1, "partnership": ');

    unwrap(await createDataFile(path, sampleDatabase(), { force: true }));
    expect(unwrap(await store.commit([{ type: 'action.update', ref: 'A-1', progress: 40 }], by(actors.owner))).revision).toBe(1);
  });

  it('removes temp files left by a writer that crashed', async () => {
    unwrap(await createDataFile(path, sampleDatabase()));
    // Named after a process that has exited, as a crashed writer's would be.
    const deadPid = spawnSync(process.execPath, ['-e', '0']).pid;
    await writeFile(join(directory, `.partnership.json.${deadPid}.abcdef.tmp`), '{"version": 1, "part');
    const store = await open();
    unwrap(await store.commit([{ type: 'action.update', ref: 'A-1', progress: 40 }], by(actors.owner)));
    // The lock is given back just after the commit resolves; closing waits for that.
    await store.close();
    expect((await readdir(directory)).sort()).toEqual(['partnership.json', 'partnership.json.lock']);
  });
});

describe('who may read the files', () => {
  const modeOf = async (file: string) => (await stat(file)).mode & 0o777;

  it('creates the data file, its change log and its lock readable by their owner alone', async () => {
    unwrap(await createDataFile(path, sampleDatabase()));
    const store = unwrap(await openFileStoreWith(path, {}, { compaction: { rewriteBelowBytes: 0 } }));
    stores.push(store);
    unwrap(await store.commit([{ type: 'action.update', ref: 'A-1', progress: 40 }], by(actors.owner)));
    expect([await modeOf(path), await modeOf(`${path}.log`), await modeOf(`${path}.lock`)]).toEqual([0o600, 0o600, 0o600]);
  });

  it('keeps the group permissions an administrator gave the data file, and never gives others any', async () => {
    unwrap(await createDataFile(path, sampleDatabase()));
    await chmod(path, 0o664);
    const store = await open();
    unwrap(await store.commit([{ type: 'action.update', ref: 'A-1', progress: 40 }], by(actors.owner)));
    expect(await modeOf(path)).toBe(0o660);
  });
});

describe('a write whose outcome the disk does not confirm', () => {
  it('is reported as uncertain, never as "nothing was written", and the store rereads the files', async () => {
    unwrap(await createDataFile(path, sampleDatabase()));
    let failing = true;
    const afterRename = async () => {
      if (failing) throw Object.assign(new Error('EIO: i/o error, fsync'), { code: 'EIO' });
    };
    const store = unwrap(await openFileStoreWith(path, {}, { faults: { afterRename } }));
    stores.push(store);
    const result = await store.commit([{ type: 'action.update', ref: 'A-1', progress: 40 }], by(actors.owner));
    expect(errorOf(result)).toEqual({
      code: 'store.write_uncertain',
      message: '<dir>/partnership.json: the change was written but the disk did not confirm it (EIO: i/o error, fsync); check whether it is there before trying again.',
    });
    failing = false;
    // It was in fact written: the store shows what is on disk, not what it assumed.
    expect((await store.read()).actions[0]?.progress).toBe(40);
    expect(JSON.parse(await readFile(path, 'utf8')).revision).toBe(1);
  });
});

describe('sharing one file between processes', () => {
  it('sees what another store committed, on read and before its own commit', async () => {
    unwrap(await createDataFile(path, sampleDatabase()));
    const bot = await open();
    const cli = await open();
    unwrap(await cli.commit([{ type: 'action.update', ref: 'A-1', progress: 40, note: 'from the CLI' }], by(actors.cli)));
    expect((await bot.read()).actions[0]?.progress).toBe(40);

    unwrap(await cli.commit([{ type: 'action.update', ref: 'A-1', note: 'from the CLI again' }], by(actors.cli)));
    unwrap(await bot.commit([{ type: 'action.update', ref: 'A-1', note: 'from the bot' }], by(actors.owner)));
    expect((await cli.read()).actions[0]?.history.map((h) => h.note)).toEqual(['Created', 'from the CLI', 'from the CLI again', 'from the bot']);
    expect((await cli.read()).revision).toBe(3);
  });

  it('loses none of many commits interleaved through two stores on one file', async () => {
    unwrap(await createDataFile(path, sampleDatabase()));
    const [first, second] = [await open(), await open()];
    const notes = Array.from({ length: 40 }, (_, index) => `note ${index}`);
    const results = await Promise.all(notes.map((note, index) => (index % 2 ? first : second).commit([{ type: 'action.update', ref: 'A-1', note }], by(actors.owner))));
    expect(results.filter((r) => !r.success)).toEqual([]);
    const db = await first.read();
    expect(db.revision).toBe(40);
    expect(new Set(db.actions[0]?.history.map((h) => h.note))).toEqual(new Set(['Created', ...notes]));
  });

  it('removes a lock directory an earlier version left behind when it crashed, once stale', async () => {
    unwrap(await createDataFile(path, sampleDatabase()));
    await mkdir(`${path}.lock`);
    const aMinuteAgo = new Date(Date.now() - 60_000);
    await utimes(`${path}.lock`, aMinuteAgo, aMinuteAgo);
    const store = await open({ lockWaitMs: 0 });
    expect(unwrap(await store.commit([{ type: 'action.update', ref: 'A-1', progress: 40 }], by(actors.owner))).revision).toBe(1);
  });

  it('waits for an earlier version still holding its lock directory, and says so', async () => {
    unwrap(await createDataFile(path, sampleDatabase()));
    await mkdir(`${path}.lock`);
    expect(errorOf(await openFileStore(path, { lockWaitMs: 0 }))).toEqual({
      code: 'store.locked',
      message: '<dir>/partnership.json is being changed by an older version of Partnership Tracker and stayed locked; try again.',
    });
  });

  it('reports a lock that a live process keeps holding, naming the process, and writes nothing', async () => {
    unwrap(await createDataFile(path, sampleDatabase()));
    const store = await open({ lockWaitMs: 0 });
    const release = await holdLock();
    try {
      const result = await store.commit([{ type: 'action.update', ref: 'A-1', progress: 40 }], by(actors.owner));
      expect(errorOf(result).code).toBe('store.locked');
      expect(errorOf(result).message).toMatch(
        new RegExp(`^<dir>/partnership\\.json is being changed by another process \\(the bot or another ptrack run: process ${process.pid}, since \\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z\\) and stayed locked; try again\\.$`),
      );
      expect(await readFile(path, 'utf8')).toBe(serializeDatabase(sampleDatabase()));
    } finally {
      release();
    }
  });
});

describe('a data file reached through a symlink', () => {
  it('is rewritten in place, leaving the link a link', async () => {
    const real = join(directory, 'real', 'partnership.json');
    await mkdir(join(directory, 'real'));
    unwrap(await createDataFile(real, sampleDatabase()));
    await symlink(real, path);
    const store = await open();
    expect(unwrap(await store.commit([{ type: 'action.update', ref: 'A-1', progress: 40 }], by(actors.owner))).revision).toBe(1);
    expect((await lstat(path)).isSymbolicLink()).toBe(true);
    expect(JSON.parse(await readFile(real, 'utf8')).revision).toBe(1);
  });

  it('is locked under its real name, so a process using the real path excludes one using the link', async () => {
    const real = join(directory, 'real', 'partnership.json');
    await mkdir(join(directory, 'real'));
    unwrap(await createDataFile(real, sampleDatabase()));
    await symlink(real, path);
    const store = await open({ lockWaitMs: 0 });
    const release = await holdLock(real);
    try {
      const result = await store.commit([{ type: 'action.update', ref: 'A-1', progress: 40 }], by(actors.owner));
      expect(errorOf(result).code).toBe('store.locked');
      expect(JSON.parse(await readFile(real, 'utf8')).revision).toBe(0);
    } finally {
      release();
    }
  });
});

describe('a lock held for a moment by another writer', () => {
  it('is waited for, and the commit goes through once it is released', async () => {
    unwrap(await createDataFile(path, sampleDatabase()));
    const store = await open();
    const release = await holdLock();
    const committing = store.commit([{ type: 'action.update', ref: 'A-1', progress: 40 }], by(actors.owner));
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(JSON.parse(await readFile(path, 'utf8')).revision).toBe(0);
    release();
    expect(unwrap(await committing).revision).toBe(1);
    expect(JSON.parse(await readFile(path, 'utf8')).revision).toBe(1);
  });
});

describe('with real second processes', () => {

  /** Starts the worker script in a child process, collecting what it prints. */
  function worker(...args: string[]): { child: ChildProcess; lines: AsyncIterator<string>; stderr: () => string; exit: Promise<number | string | null> } {
    const child = spawn(process.execPath, [commitWorker, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    // Resolves with the exit code, or the signal that killed it.
    const exit = new Promise<number | string | null>((resolve) => child.on('exit', (code, signal) => resolve(signal ?? code)));
    return { child, lines: createInterface({ input: child.stdout! })[Symbol.asyncIterator](), stderr: () => stderr, exit };
  }

  /** Two processes commit `perProcess` notes each to one file at once; every one must be kept, in one unbroken history. */
  async function expectTwoWritersKeptEverything(compaction?: string): Promise<void> {
    unwrap(await createDataFile(path, sampleDatabase()));
    const perProcess = 60;
    const workers = ['bot', 'cli'].map((label) => worker('commits', path, String(perProcess), label, ...(compaction === undefined ? [] : [compaction])));
    const codes = await Promise.all(workers.map((w) => w.exit));
    expect({ codes, stderr: workers.map((w) => w.stderr()) }).toEqual({ codes: [0, 0], stderr: ['', ''] });

    const db = unwrap(await (await open()).readWithHistory());
    expect(db.revision).toBe(2 * perProcess);
    const notes = db.actions[0]!.history.map((h) => h.note);
    for (const label of ['bot', 'cli']) {
      expect(notes.filter((note) => note?.startsWith(`${label} `))).toHaveLength(perProcess);
    }
    expect(db.audit.map((e) => e.seq)).toEqual(Array.from({ length: 2 * perProcess }, (_, index) => index + 1));
  }

  it('loses none of the commits two processes make to one file at the same time', async () => {
    await expectTwoWritersKeptEverything();
  }, 120_000);

  it('loses none of the commits two processes make through the change log, across compactions', async () => {
    await expectTwoWritersKeptEverything(JSON.stringify({ rewriteBelowBytes: 0, maxLogEntries: 25 }));
  }, 120_000);

  it('frees the lock of a writer stopped by SIGTERM mid-write at once, leaving the file as it was', async () => {
    unwrap(await createDataFile(path, largeDatabase(500)));
    const before = await readFile(path, 'utf8');
    const store = await open({ lockWaitMs: 0 });
    const stopping = worker('crash-mid-write', path);
    await stopping.lines.next();
    expect(errorOf(await store.commit([{ type: 'action.update', ref: 'A-1', progress: 10 }], by(actors.owner))).code).toBe('store.locked');
    stopping.child.kill('SIGTERM');
    expect(await stopping.exit).toBe('SIGTERM');
    expect(await readFile(path, 'utf8')).toBe(before);
    expect(unwrap(await store.commit([{ type: 'action.update', ref: 'A-1', progress: 10 }], by(actors.owner))).revision).toBe(1);
  }, 60_000);

  it('leaves the previous file intact when a writer is killed halfway through writing', async () => {
    unwrap(await createDataFile(path, largeDatabase(500)));
    const before = await readFile(path, 'utf8');
    const crashing = worker('crash-mid-write', path);
    const announced = await crashing.lines.next();
    const tempPath = String(announced.value).replace(/^mid-write /, '');
    expect(tempPath).toMatch(/\.partnership\.json\.\d+\.[0-9a-f]+\.tmp$/);
    // The temp file holds half the new content: a torn write, if it were the data file.
    expect(parseDataFile(await readFile(tempPath, 'utf8'), 'temp').success).toBe(false);
    crashing.child.kill('SIGKILL');
    expect(await crashing.exit).toBe('SIGKILL');

    expect(await readFile(path, 'utf8')).toBe(before);
    // The operating system gave the dead writer's lock back; its temp file is cleaned up.
    const store = await open({ lockWaitMs: 0 });
    expect(unwrap(await store.commit([{ type: 'action.update', ref: 'A-1', progress: 10 }], by(actors.owner))).revision).toBe(1);
    // The lock is given back just after the commit resolves; closing waits for that.
    await store.close();
    expect((await readdir(directory)).sort()).toEqual(['partnership.json', 'partnership.json.lock']);
  }, 60_000);
});

describe('the change log beside a large data file', () => {
  /** Every commit goes to the log (as for a file of many megabytes), compacting after `maxLogEntries`. */
  // A due compaction starts at once here, unless a test waits for quiet itself.
  const logAlways = (maxLogEntries = 1000) => ({ compaction: { rewriteBelowBytes: 0, maxLogEntries, maxLogFraction: 1000, quietMs: 0 } });
  const logPath = () => `${path}.log`;
  const note = (text: string) => [{ type: 'action.update' as const, ref: 'A-1', note: text }];

  async function openLogged(maxLogEntries?: number, internals: Parameters<typeof openFileStoreWith>[2] = {}): Promise<FileStore> {
    const store = unwrap(await openFileStoreWith(path, {}, { ...internals, compaction: { ...logAlways(maxLogEntries).compaction, ...internals.compaction } }));
    stores.push(store);
    return store;
  }

  /** Waits until `done` holds: for work the store does in the background. */
  async function until(done: () => Promise<boolean>): Promise<void> {
    while (!(await done())) await new Promise((resolve) => setTimeout(resolve, 10));
  }

  /** A gate a background compaction stops at, just before it installs what it prepared. */
  function compactionGate() {
    let open!: () => void;
    let arrived!: () => void;
    const opened = new Promise<void>((resolve) => (open = resolve));
    const reached = new Promise<void>((resolve) => (arrived = resolve));
    const beforeCompactionInstall = async () => {
      arrived();
      await opened;
    };
    return { faults: { beforeCompactionInstall }, reached, open };
  }

  /** The revision the data file itself holds (what the last compaction wrote). */
  async function snapshotRevision(): Promise<number> {
    return JSON.parse(await readFile(path, 'utf8')).revision as number;
  }

  async function logLines(): Promise<Array<Record<string, unknown>>> {
    return (await readFile(logPath(), 'utf8'))
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  }

  it('appends a change to the log as the records it left and its audit, leaving the data file byte for byte', async () => {
    unwrap(await createDataFile(path, sampleDatabase()));
    const before = await readFile(path, 'utf8');
    const store = await openLogged();
    unwrap(await store.commit([{ type: 'action.update', ref: 'A-1', progress: 40 }], by(actors.owner)));
    expect(await readFile(path, 'utf8')).toBe(before);
    const { history, ...action } = (await store.read()).actions[0]!;
    expect(history[1]).toMatchObject({ at: '2025-06-01T10:00:00.000Z', byId: 'olu-owner', progress: 40, status: 'on-track' });
    expect(await logLines()).toEqual([
      {
        v: 2,
        schema: CURRENT_SCHEMA_VERSION,
        revision: 1,
        at: '2025-06-01T10:00:00.000Z',
        actor: { kind: 'person', personId: 'olu-owner' },
        changes: [
          {
            target: 'actions',
            key: 'A-1',
            record: action,
            appended: { field: 'history', from: 1, items: [history[1]] },
          },
        ],
        audit: (await store.read()).audit,
      },
    ]);
  });

  it('keeps no trace of an erased person in any file, though the log held their changes, and logs again after', async () => {
    unwrap(await createDataFile(path, sampleDatabase()));
    const store = await openLogged();
    unwrap(await store.commit(note('Checked with Olu Owner (olu@council.example)'), by(actors.owner)));
    expect(await readFile(logPath(), 'utf8')).toContain('olu@council.example');
    unwrap(await store.commit([{ type: 'person.erase', personId: 'olu-owner' }], by(actors.businessTeam)));
    const files = [];
    for (const name of await readdir(directory)) if ((await lstat(join(directory, name))).isFile()) files.push(await readFile(join(directory, name), 'utf8'));
    expect(files.length).toBeGreaterThan(0);
    for (const trace of ['olu-owner', 'Olu Owner', 'olu@council.example']) expect(files.join('\n').toLowerCase()).not.toContain(trace.toLowerCase());
    unwrap(await store.commit(note('After the erasure'), by(actors.businessTeam)));
    expect(await logLines()).toHaveLength(1);
    expect(await (await open()).read()).toEqual(await store.read());
  });

  it('replays the log when a store opens the file, giving exactly the committed data', async () => {
    unwrap(await createDataFile(path, sampleDatabase()));
    const store = await openLogged();
    unwrap(await store.commit([{ type: 'action.update', ref: 'A-1', progress: 40, note: 'Toolkit drafted' }], by(actors.owner)));
    unwrap(await store.commit(note('Shared with partners'), by(actors.cli)));
    const reopened = await open();
    expect(await reopened.read()).toEqual(await store.read());
    expect((await reopened.read()).revision).toBe(2);
  });

  it('compacts in the background once the log holds enough changes: the commit only appends, then the data file is rewritten and the log removed', async () => {
    unwrap(await createDataFile(path, sampleDatabase()));
    const store = await openLogged(3);
    for (const text of ['one', 'two', 'three']) unwrap(await store.commit(note(text), by(actors.owner)));
    expect(await logLines()).toHaveLength(3);
    unwrap(await store.commit(note('four'), by(actors.owner)));
    expect(await logLines()).toHaveLength(4);
    // Nothing else is left: not the old snapshot and log, set aside under the lock and freed after.
    await until(async () => JSON.stringify((await readdir(directory)).sort()) === '["partnership.json","partnership.json.lock"]');
    expect(await readFile(path, 'utf8')).toBe(serializeDatabase(unwrap(await store.readWithHistory())));
    expect((await store.read()).revision).toBe(4);

    unwrap(await store.commit(note('five'), by(actors.owner)));
    expect((await logLines()).map((line) => line.revision)).toEqual([5]);
  });

  it('shows a reader the data before a change still being written, never the change before it is durable', async () => {
    unwrap(await createDataFile(path, sampleDatabase()));
    let reachedAppend!: () => void;
    let finishAppend!: () => void;
    const appending = new Promise<void>((resolve) => (reachedAppend = resolve));
    const fsyncAllowed = new Promise<void>((resolve) => (finishAppend = resolve));
    const midAppend = async () => {
      reachedAppend();
      await fsyncAllowed;
    };
    const store = await openLogged(1000, { faults: { midAppend } });
    const before = await store.read();
    const committing = store.commit(note('one'), by(actors.owner));
    await appending;
    // The line is in the log file, not yet fsynced: the commit has not returned.
    expect(await logLines()).toHaveLength(1);
    expect(await store.read()).toBe(before);
    finishAppend();
    expect(unwrap(await committing).revision).toBe(1);
    expect((await store.read()).revision).toBe(1);
  });

  /**
   * A store with a limit of three whose fourth change starts a compaction; `during` are committed
   * while it is being prepared. Returns once it is installed, the log holding just those.
   */
  async function compactedWhileCommitting(during: readonly string[]): Promise<FileStore> {
    unwrap(await createDataFile(path, sampleDatabase()));
    const gate = compactionGate();
    const store = await openLogged(3, { faults: gate.faults });
    for (const text of ['one', 'two', 'three', 'four']) unwrap(await store.commit(note(text), by(actors.owner)));
    await gate.reached;
    for (const text of during) unwrap(await store.commit(note(text), by(actors.owner)));
    gate.open();
    const carried = JSON.stringify(during.map((_, index) => 5 + index));
    await until(async () => JSON.stringify((await logLines()).map((line) => line.revision)) === carried);
    return store;
  }

  it('keeps the changes committed while a compaction was being prepared, in a log of their own', async () => {
    const store = await compactedWhileCommitting(['five', 'six']);
    expect(JSON.parse(await readFile(path, 'utf8')).revision).toBe(4);
    const reopened = await open();
    expect((await reopened.read()).revision).toBe(6);
    expect(await reopened.read()).toEqual(await store.read());
    unwrap(await store.commit(note('seven'), by(actors.owner)));
    expect((await logLines()).map((line) => line.revision)).toEqual([5, 6, 7]);
    expect((await reopened.read()).actions[0]?.history.map((h) => h.note)).toEqual(['Created', 'one', 'two', 'three', 'four', 'five', 'six', 'seven']);
  });

  it('starts the next compaction once the log has grown past its limit again, not counting the changes the last one carried over', async () => {
    // Busy while it was prepared: more changes than the limit are carried over.
    const store = await compactedWhileCommitting(['five', 'six', 'seven', 'eight']);
    for (const text of ['nine', 'ten', 'eleven']) unwrap(await store.commit(note(text), by(actors.owner)));
    // Closing waits for any compaction under way: none was started, the log kept every line.
    await store.close();
    expect(await snapshotRevision()).toBe(4);
    expect((await logLines()).map((line) => line.revision)).toEqual([5, 6, 7, 8, 9, 10, 11]);
    // The next change past the limit compacts, and nothing was lost.
    const reopened = await openLogged(3);
    unwrap(await reopened.commit(note('twelve'), by(actors.owner)));
    await until(async () => JSON.stringify((await readdir(directory)).sort()) === '["partnership.json","partnership.json.lock"]');
    expect(await snapshotRevision()).toBe(12);
    expect((await (await open()).read()).actions[0]?.history.map((h) => h.note)).toEqual(['Created', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve']);
  });

  it('waits for a pause in the commits before it compacts, and then compacts everything, nothing lost', async () => {
    unwrap(await createDataFile(path, sampleDatabase()));
    const created = await snapshotRevision();
    // A pause far longer than a commit takes, even on a loaded machine.
    const store = await openLogged(3, { compaction: { quietMs: 2000 } });
    // A burst past the limit, each commit within the pause of the one before: only appended.
    for (const text of ['one', 'two', 'three', 'four', 'five', 'six']) unwrap(await store.commit(note(text), by(actors.owner)));
    expect(store.compactionProcessesStarted).toBe(0);
    expect(await snapshotRevision()).toBe(created);
    expect(await logLines()).toHaveLength(6);
    // The pause: the whole log goes into the snapshot.
    await until(async () => JSON.stringify((await readdir(directory)).sort()) === '["partnership.json","partnership.json.lock"]');
    expect(await snapshotRevision()).toBe(6);
    expect((await (await open()).read()).actions[0]?.history.map((h) => h.note)).toEqual(['Created', 'one', 'two', 'three', 'four', 'five', 'six']);
  });

  it('compacts during a burst that never pauses once the log reaches four times its limit', async () => {
    unwrap(await createDataFile(path, sampleDatabase()));
    const store = await openLogged(3, { compaction: { quietMs: 60_000 } });
    for (let n = 1; n <= 3 * DEFAULT_COMPACTION.busyFactor; n++) unwrap(await store.commit(note(`change ${n}`), by(actors.owner)));
    expect(store.compactionProcessesStarted).toBe(0);
    unwrap(await store.commit(note('past four times the limit'), by(actors.owner)));
    await until(async () => JSON.stringify((await readdir(directory)).sort()) === '["partnership.json","partnership.json.lock"]');
    expect(await snapshotRevision()).toBe(3 * DEFAULT_COMPACTION.busyFactor + 1);
    expect((await (await open()).read()).actions[0]?.history.at(-1)?.note).toBe('past four times the limit');
    expect((await (await open()).read()).actions[0]?.history).toHaveLength(1 + 3 * DEFAULT_COMPACTION.busyFactor + 1);
  });

  it('starts a compaction waiting for a pause when it closes, and leaves the file compacted', async () => {
    unwrap(await createDataFile(path, sampleDatabase()));
    const store = await openLogged(3, { compaction: { quietMs: 60_000 } });
    for (const text of ['one', 'two', 'three', 'four']) unwrap(await store.commit(note(text), by(actors.owner)));
    await store.close();
    expect((await readdir(directory)).sort()).toEqual(['partnership.json', 'partnership.json.lock']);
    expect(await snapshotRevision()).toBe(4);
  });

  it('lets the log grow while a compaction is under way rather than have a commit rewrite the file, up to sixteen times its limit', async () => {
    unwrap(await createDataFile(path, sampleDatabase()));
    const gate = compactionGate();
    const store = await openLogged(3, { faults: gate.faults });
    const created = await snapshotRevision();
    for (const text of ['one', 'two', 'three', 'four']) unwrap(await store.commit(note(text), by(actors.owner)));
    await gate.reached;
    // The compaction is slow (its process starved of the cores, say): commits only append.
    for (let n = 5; n <= 3 * DEFAULT_COMPACTION.forceFactor; n++) unwrap(await store.commit(note(`change ${n}`), by(actors.owner)));
    expect(await snapshotRevision()).toBe(created);
    expect(await logLines()).toHaveLength(3 * DEFAULT_COMPACTION.forceFactor);
    // Past that, a commit compacts itself; the one under way then finds the files changed and is discarded.
    unwrap(await store.commit(note('past the bound'), by(actors.owner)));
    expect(await snapshotRevision()).toBe(created + 3 * DEFAULT_COMPACTION.forceFactor + 1);
    gate.open();
    await store.close();
    expect((await readdir(directory)).sort()).toEqual(['partnership.json', 'partnership.json.lock']);
    expect((await (await open()).read()).actions[0]?.history).toHaveLength(1 + 3 * DEFAULT_COMPACTION.forceFactor + 1);
  });

  it('discards a compaction prepared from files another writer has compacted since, losing nothing', async () => {
    unwrap(await createDataFile(path, sampleDatabase()));
    const gate = compactionGate();
    const bot = await openLogged(3, { faults: gate.faults });
    const cli = await openLogged(3, { compaction: { background: false } });
    for (const text of ['one', 'two', 'three', 'four']) unwrap(await bot.commit(note(text), by(actors.owner)));
    await gate.reached;
    // The other writer's commit is over the limit too, and compacts in place.
    unwrap(await cli.commit(note('five'), by(actors.owner)));
    expect(await exists(logPath())).toBe(false);
    gate.open();
    await bot.close();
    expect((await readdir(directory)).sort()).toEqual(['partnership.json', 'partnership.json.lock']);
    expect(JSON.parse(await readFile(path, 'utf8')).revision).toBe(5);
    expect((await (await open()).read()).actions[0]?.history.map((h) => h.note)).toEqual(['Created', 'one', 'two', 'three', 'four', 'five']);
  });

  it("keeps a compaction prepared for it while another writer clears up orphaned temp files: the file is its store's, not the finished compaction process's", async () => {
    unwrap(await createDataFile(path, sampleDatabase()));
    const gate = compactionGate();
    const bot = await openLogged(3, { faults: gate.faults });
    for (const text of ['one', 'two', 'three', 'four']) unwrap(await bot.commit(note(text), by(actors.owner)));
    await gate.reached;
    // The CLI's first commit removes temp files whose process has gone; the bot is still running.
    const cli = await openLogged();
    unwrap(await cli.commit(note('five'), by(actors.owner)));
    gate.open();
    await bot.close();
    expect(JSON.parse(await readFile(path, 'utf8')).revision).toBe(4);
    expect((await logLines()).map((line) => line.revision)).toEqual([5]);
    expect((await readdir(directory)).sort()).toEqual(['partnership.json', 'partnership.json.lock', 'partnership.json.log']);
  });

  it('finishes a compaction under way before the store closes, as a CLI run exits', async () => {
    unwrap(await createDataFile(path, sampleDatabase()));
    const store = await openLogged(3);
    for (const text of ['one', 'two', 'three', 'four']) unwrap(await store.commit(note(text), by(actors.owner)));
    await store.close();
    expect((await readdir(directory)).sort()).toEqual(['partnership.json', 'partnership.json.lock']);
    expect(JSON.parse(await readFile(path, 'utf8')).revision).toBe(4);
  });

  it('keeps one compaction process for compaction after compaction, and each leaves the data file whole', async () => {
    unwrap(await createDataFile(path, sampleDatabase()));
    const store = await openLogged(3);
    for (const text of ['one', 'two', 'three', 'four']) unwrap(await store.commit(note(text), by(actors.owner)));
    await until(async () => (await snapshotRevision()) === 4);
    for (const text of ['five', 'six', 'seven', 'eight']) unwrap(await store.commit(note(text), by(actors.owner)));
    await until(async () => (await snapshotRevision()) === 8);
    expect(store.compactionProcessesStarted).toBe(1);
    const reopened = await open();
    expect((await reopened.read()).actions[0]?.history.map((h) => h.note)).toEqual(['Created', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight']);
  });

  it('builds a compaction from the snapshot it wrote last plus the log, exactly as from the files read whole', async () => {
    unwrap(await createDataFile(path, sampleDatabase()));
    const writeLog = async (texts: string[]) => {
      const store = unwrap(await openFileStoreWith(path, {}, logAlways(1000)));
      for (const text of texts) unwrap(await store.commit(note(text), by(actors.owner)));
      await store.close();
    };
    const job = { path, displayName: 'partnership.json', owner: process.pid, lockWaitMs: 1000 };
    await writeLog(['one', 'two', 'three']);
    const first = await prepareCompaction(job);
    if (first.outcome.kind !== 'written') throw new Error(`expected a compaction, got ${first.outcome.kind}`);
    // Installed as a store installs it: renamed into place (keeping its stamp), the log removed.
    await rename(first.outcome.temp, path);
    await rm(logPath());
    await writeLog(['four', 'five']);
    const fullReads = vi.spyOn(DatabaseFile.prototype as unknown as { fromFiles: () => unknown }, 'fromFiles');
    const kept = await prepareCompaction(job, first.held);
    expect(fullReads).not.toHaveBeenCalled();
    const whole = await prepareCompaction(job);
    expect(fullReads).toHaveBeenCalledTimes(1);
    fullReads.mockRestore();
    if (kept.outcome.kind !== 'written' || whole.outcome.kind !== 'written') throw new Error('expected two compactions');
    const keptText = await readFile(kept.outcome.temp, 'utf8');
    expect(keptText).toBe(await readFile(whole.outcome.temp, 'utf8'));
    expect(unwrap(parseDataFile(keptText, 'kept')).db.actions[0]?.history.map((h) => h.note)).toEqual(['Created', 'one', 'two', 'three', 'four', 'five']);
  });

  it('reads the files whole when another writer has rewritten the data file since the kept process wrote it', async () => {
    unwrap(await createDataFile(path, sampleDatabase()));
    const store = await openLogged(3);
    for (const text of ['one', 'two', 'three', 'four']) unwrap(await store.commit(note(text), by(actors.owner)));
    await until(async () => (await snapshotRevision()) === 4);
    const cli = await openLogged(3, { compaction: { background: false } });
    for (const text of ['cli one', 'cli two', 'cli three', 'cli four']) unwrap(await cli.commit(note(text), by(actors.owner)));
    expect(await snapshotRevision()).toBe(8);
    for (const text of ['five', 'six', 'seven', 'eight']) unwrap(await store.commit(note(text), by(actors.owner)));
    await until(async () => (await snapshotRevision()) === 12);
    expect(store.compactionProcessesStarted).toBe(1);
    const reopened = await open();
    expect((await reopened.read()).actions[0]?.history.map((h) => h.note)).toEqual(
      ['Created', 'one', 'two', 'three', 'four', 'cli one', 'cli two', 'cli three', 'cli four', 'five', 'six', 'seven', 'eight'],
    );
  });

  it('lets an idle compaction process go after a while, and starts another for the next compaction', async () => {
    unwrap(await createDataFile(path, sampleDatabase()));
    const store = unwrap(await openFileStoreWith(path, {}, logAlways(1000)));
    for (const text of ['one', 'two']) unwrap(await store.commit(note(text), by(actors.owner)));
    await store.close();
    const compactor = new CompactionProcess(50);
    const job = { path, displayName: 'partnership.json', owner: process.pid, lockWaitMs: 1000 };
    const first = await compactor.run(job);
    expect(first.kind).toBe('written');
    const pid = compactor.pid!;
    const gone = () => {
      try {
        process.kill(pid, 0);
        return false;
      } catch {
        return true;
      }
    };
    await until(async () => compactor.pid === undefined && gone());
    expect((await compactor.run(job)).kind).toBe('written');
    expect(compactor.started).toBe(2);
    compactor.close();
  });

  it('does not keep a process that compacted from exiting, store closed or not', async () => {
    unwrap(await createDataFile(path, sampleDatabase()));
    const leaving = spawn(process.execPath, [commitWorker, 'compact-and-leave', path], { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    leaving.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    // A compaction process holding it would keep it running until the test's time ran out.
    expect(await new Promise((resolve) => leaving.on('exit', (code, signal) => resolve(signal ?? code)))).toBe(0);
    expect(output).toBe('compacted\n');
    expect(JSON.parse(await readFile(path, 'utf8')).revision).toBe(4);
  }, 20_000);

  it('with background compaction off, the commit past the limit rewrites the data file itself', async () => {
    unwrap(await createDataFile(path, sampleDatabase()));
    const store = await openLogged(3, { compaction: { background: false } });
    for (const text of ['one', 'two', 'three']) unwrap(await store.commit(note(text), by(actors.owner)));
    unwrap(await store.commit(note('four'), by(actors.owner)));
    expect(await exists(logPath())).toBe(false);
    expect(JSON.parse(await readFile(path, 'utf8')).revision).toBe(4);
  });

  it('ignores a torn last line left by a crash, and cuts it off at the next commit', async () => {
    unwrap(await createDataFile(path, sampleDatabase()));
    const store = await openLogged();
    unwrap(await store.commit(note('before the crash'), by(actors.owner)));
    await appendFile(logPath(), '{"revision":2,"at":"2025-06-01T10:00:00.000Z","actor":{"kind":"pers');

    const reopened = await openLogged();
    expect((await reopened.read()).revision).toBe(1);
    unwrap(await reopened.commit(note('after the crash'), by(actors.owner)));
    expect((await logLines()).map((line) => line.revision)).toEqual([1, 2]);
    expect((await (await open()).read()).actions[0]?.history.map((h) => h.note)).toEqual(['Created', 'before the crash', 'after the crash']);
  });

  it('refuses a log with a broken complete line, naming the log and the line, and leaves both files untouched', async () => {
    unwrap(await createDataFile(path, sampleDatabase()));
    unwrap(await (await openLogged()).commit(note('fine'), by(actors.owner)));
    const [data, log] = [await readFile(path, 'utf8'), await readFile(logPath(), 'utf8')];
    await appendFile(logPath(), '{"revision": 2, "at": "yesterday"}\n');
    expect(errorOf(await openFileStore(path))).toMatchInlineSnapshot(`
      {
        "code": "store.corrupt",
        "message": "<dir>/partnership.json.log: line 2 is not a recorded change: Invalid ISO datetime",
      }
    `);
    await writeFile(logPath(), `${log}not json at all\n`);
    expect(errorOf(await openFileStore(path)).message).toMatch(/^<dir>\/partnership\.json\.log: line 2 is not valid JSON: /);
    expect([await readFile(path, 'utf8'), await readFile(logPath(), 'utf8')]).toEqual([data, `${log}not json at all\n`]);
  });

  it('refuses a log that does not follow on from the data file', async () => {
    unwrap(await createDataFile(path, sampleDatabase()));
    const store = await openLogged();
    for (const text of ['one', 'two']) unwrap(await store.commit(note(text), by(actors.owner)));
    const [, second] = (await readFile(logPath(), 'utf8')).split('\n');
    await writeFile(logPath(), `${second}\n`);
    expect(errorOf(await openFileStore(path))).toMatchInlineSnapshot(`
      {
        "code": "store.corrupt",
        "message": "<dir>/partnership.json.log: line 1 records revision 2, but the data is at revision 0; the log does not belong to this data file.",
      }
    `);
  });

  it('skips the entries a rewritten data file already holds (a compaction that crashed before removing the log)', async () => {
    unwrap(await createDataFile(path, sampleDatabase()));
    const store = await openLogged();
    for (const text of ['one', 'two']) unwrap(await store.commit(note(text), by(actors.owner)));
    await writeFile(path, serializeDatabase(unwrap(await store.readWithHistory())));

    const reopened = await openLogged();
    expect(await reopened.read()).toEqual(await store.read());
    expect(unwrap(await reopened.commit(note('three'), by(actors.owner))).revision).toBe(3);
    expect((await (await open()).read()).actions[0]?.history.map((h) => h.note)).toEqual(['Created', 'one', 'two', 'three']);
  });

  it('refuses, naming the line, a change recorded twice for one revision with different content (two writers at once)', async () => {
    unwrap(await createDataFile(path, sampleDatabase()));
    unwrap(await (await openLogged()).commit(note('one'), by(actors.owner)));
    const [first] = (await readFile(logPath(), 'utf8')).split('\n');
    const rival = first!.replaceAll('"note":"one"', '"note":"another"');
    await appendFile(logPath(), `${rival}\n`);
    expect(errorOf(await openFileStore(path))).toEqual({
      code: 'store.corrupt',
      message:
        '<dir>/partnership.json.log: line 2 records revision 1, which the data already holds with a different change; two writers wrote this file at once, or the log does not belong to it.',
    });
  });

  it('skips a change recorded twice for one revision when the two are the same', async () => {
    unwrap(await createDataFile(path, sampleDatabase()));
    const store = await openLogged();
    unwrap(await store.commit(note('one'), by(actors.owner)));
    const [first] = (await readFile(logPath(), 'utf8')).split('\n');
    await appendFile(logPath(), `${first}\n`);
    expect(await (await open()).read()).toEqual(await store.read());
  });

  it('starts afresh when a data file is created over one with a log', async () => {
    unwrap(await createDataFile(path, sampleDatabase()));
    unwrap(await (await openLogged()).commit(note('one'), by(actors.owner)));
    unwrap(await createDataFile(path, sampleDatabase(), { force: true }));
    expect((await readdir(directory)).sort()).toEqual(['partnership.json', 'partnership.json.lock']);
    expect((await (await open()).read()).revision).toBe(0);
  });

  it("sees another store's logged changes on read and before its own commit", async () => {
    unwrap(await createDataFile(path, sampleDatabase()));
    const [bot, cli] = [await openLogged(), await openLogged()];
    unwrap(await cli.commit([{ type: 'action.update', ref: 'A-1', progress: 40, note: 'from the CLI' }], by(actors.cli)));
    expect((await bot.read()).actions[0]?.progress).toBe(40);
    unwrap(await cli.commit(note('from the CLI again'), by(actors.cli)));
    unwrap(await bot.commit(note('from the bot'), by(actors.owner)));
    expect((await cli.read()).actions[0]?.history.map((h) => h.note)).toEqual(['Created', 'from the CLI', 'from the CLI again', 'from the bot']);
    expect((await logLines()).map((line) => line.revision)).toEqual([1, 2, 3]);
    const seqs = (db: Database) => db.audit.map((e) => [e.seq, e.by]);
    const expected = [
      [1, 'system:cli'],
      [2, 'system:cli'],
      [3, 'olu-owner'],
    ];
    for (const store of [bot, cli, await open()]) expect(seqs(unwrap(await store.readWithHistory()))).toEqual(expected);
  });

  it.each([
    ['appended to the log', 'midAppend'],
    ['rewriting the data file', 'midWrite'],
  ] as const)('adds nothing to any snapshot when a change cannot be written (%s), and numbers the next change on', async (_, fault) => {
    unwrap(await createDataFile(path, sampleDatabase()));
    let diskFull = false;
    const fail = async () => {
      if (diskFull) throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
    };
    const compaction = fault === 'midAppend' ? logAlways().compaction : {};
    const store = unwrap(await openFileStoreWith(path, {}, { compaction, faults: { [fault]: fail } }));
    stores.push(store);
    unwrap(await store.commit(note('one'), by(actors.owner)));
    const before = await store.read();
    diskFull = true;
    const failed = await store.commit(note('two'), by(actors.owner));
    expect(errorOf(failed).code).toBe('store.write_failed');
    expect(before.audit.map((e) => e.seq)).toEqual([1]);
    expect((await store.read()).audit.map((e) => e.seq)).toEqual([1]);
    expect((await (await open()).read()).audit.map((e) => e.seq)).toEqual([1]);

    diskFull = false;
    expect(unwrap(await store.commit(note('three'), by(actors.owner))).revision).toBe(2);
    const after = unwrap(await store.readWithHistory());
    expect(after.audit.map((e) => e.seq)).toEqual([1, 2]);
    expect(after.actions[0]?.history.map((h) => h.note)).toEqual(['Created', 'one', 'three']);
    expect(unwrap(await (await open()).readWithHistory())).toEqual(after);
  });

  it('writes the whole audit when it compacts, though it holds only the last entry', async () => {
    unwrap(await createDataFile(path, sampleDatabase()));
    const store = await openLogged(2);
    const first = await store.read();
    for (const text of ['one', 'two', 'three']) unwrap(await store.commit(note(text), by(actors.owner)));
    expect(first.revision).toBe(0);
    expect(first.audit).toEqual([]);
    expect((await store.read()).audit.map((e) => e.seq)).toEqual([3]);
    await until(async () => !(await exists(logPath())));
    const written = parseDataFile(await readFile(path, 'utf8'), 'partnership.json');
    expect(written.success && written.data.db.audit.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(await (await open()).read()).toEqual(await store.read());
  });

  /** The data file's audit as written: each entry's seq and the note it recorded, if any. */
  async function writtenAudit(): Promise<Array<[number, string | undefined]>> {
    const written = parseDataFile(await readFile(path, 'utf8'), 'partnership.json');
    const audit = written.success ? written.data.db.audit : [];
    return audit.map((e) => [e.seq, /"note":"([^"]*)"/.exec(JSON.stringify(e.after))?.[1]]);
  }

  it('reads back the history it does not hold when an erasure rewrites the file: every entry is written, redacted', async () => {
    unwrap(await createDataFile(path, sampleDatabase()));
    const [store, other] = [await openLogged(), await openLogged()];
    unwrap(await store.commit(note('Checked with Olu Owner (olu@council.example)'), by(actors.owner)));
    unwrap(await other.commit(note('From the other store'), by(actors.owner)));
    const erased = unwrap(await store.commit([{ type: 'person.erase', personId: 'olu-owner' }], by(actors.businessTeam)));
    expect(await exists(logPath())).toBe(false);
    const audit = await writtenAudit();
    expect(audit.slice(0, 2)).toEqual([
      [1, 'Checked with Erased person 1 (erased-1@erased.invalid)'],
      [2, 'From the other store'],
    ]);
    expect(audit.map(([seq]) => seq)).toEqual(Array.from({ length: 2 + erased.audit.length }, (_, index) => index + 1));
  });

  it('keeps the whole history of a small file it rewrites on every commit, with the changes another store logged', async () => {
    unwrap(await createDataFile(path, sampleDatabase()));
    const small = await open();
    const logger = await openLogged();
    for (const text of ['one', 'two']) unwrap(await logger.commit(note(text), by(actors.owner)));
    unwrap(await small.commit(note('three'), by(actors.owner)));
    expect(await exists(logPath())).toBe(false);
    expect(await writtenAudit()).toEqual([
      [1, 'one'],
      [2, 'two'],
      [3, 'three'],
    ]);
    unwrap(await logger.commit(note('four'), by(actors.owner)));
    unwrap(await small.commit(note('five'), by(actors.owner)));
    expect((await writtenAudit()).map(([, text]) => text)).toEqual(['one', 'two', 'three', 'four', 'five']);
  });

  it('commits made together are each all-or-nothing, in order, with their own revisions: a refused one does not stop the rest', async () => {
    unwrap(await createDataFile(path, sampleDatabase()));
    const store = await openLogged();
    const results = await Promise.all([
      store.commit(note('first'), by(actors.owner)),
      store.commit([{ type: 'action.update', ref: 'A-99', note: 'no such action' }], by(actors.owner)),
      store.commit(note('second'), by(actors.bystander)),
      store.commit(note('third'), by(actors.owner)),
    ]);
    expect(results.map((r) => (r.success ? r.data.revision : r.error.code))).toEqual([1, 'action.not_found', 'action.not_owner', 2]);
    expect((await logLines()).map((line) => line.revision)).toEqual([1, 2]);
    expect((await (await open()).read()).actions[0]?.history.map((h) => h.note)).toEqual(['Created', 'first', 'third']);
    expect(unwrap(await store.readWithHistory()).audit.map((e) => [e.seq, e.command])).toEqual([
      [1, 'action.update'],
      [2, 'action.update'],
    ]);
  });

  it('loses none of many commits interleaved through two stores, across compactions', async () => {
    unwrap(await createDataFile(path, sampleDatabase()));
    const [first, second] = [await openLogged(7), await openLogged(7)];
    const notes = Array.from({ length: 40 }, (_, index) => `note ${index}`);
    const results = await Promise.all(notes.map((text, index) => (index % 2 ? first : second).commit(note(text), by(actors.owner))));
    expect(results.filter((r) => !r.success)).toEqual([]);
    for (const store of [first, second, await open()]) {
      const db = await store.read();
      expect(db.revision).toBe(40);
      expect(new Set(db.actions[0]?.history.map((h) => h.note))).toEqual(new Set(['Created', ...notes]));
    }
  });
});
