import { fork } from 'node:child_process';
import { constants, setPriority } from 'node:os';
import { fileURLToPath } from 'node:url';
import { CURRENT_SCHEMA_VERSION } from '../common/store/database.js';
import { DatabaseFile, type FilesStamp } from './dataFile.js';
import { prepareFile, type FileStamp } from './durableWrite.js';
import { serializeDatabase } from './snapshotFile.js';

/**
 * When a commit rewrites the whole data file (the snapshot) instead of appending its change to
 * the change log beside it. Appending costs the same at any size; rewriting costs in proportion
 * to the file, and replaying the log costs in proportion to its length at every open.
 */
export interface CompactionPolicy {
  /** A snapshot smaller than this is simply rewritten: as cheap as an append, and it stays one readable file. */
  readonly rewriteBelowBytes: number;
  /** Rewrite the snapshot once the log holds this many changes, to bound the replay at open. */
  readonly maxLogEntries: number;
  /** …or once the log is this fraction of the snapshot's size. */
  readonly maxLogFraction: number;
  /**
   * Write the new snapshot in a background process while commits go on appending, and install it in
   * a moment under the lock, rather than have one commit (and everyone queued behind it) wait.
   */
  readonly background: boolean;
  /**
   * With `background`, a commit still compacts itself once the log reaches this multiple of
   * the limits: a compaction that keeps failing must not let the log grow without bound.
   */
  readonly forceFactor: number;
}

/** The default compaction policy; see docs/performance.md for the measurements behind it. */
export const DEFAULT_COMPACTION: CompactionPolicy = {
  rewriteBelowBytes: 2 * 1024 * 1024,
  maxLogEntries: 1000,
  maxLogFraction: 0.25,
  background: true,
  forceFactor: 4,
};

/** A compaction to prepare away from the store's own process: the data file and its log as they stand. */
export interface CompactionJob {
  readonly path: string;
  readonly displayName: string;
  /** The process that will install the result, whose id the temp file carries. */
  readonly owner: number;
  /** How long to wait for a writer to finish before reading the files. */
  readonly lockWaitMs: number;
}

/**
 * What came of a job: a new snapshot in a temp file beside the data file, with the versions of
 * the snapshot and log it was built from; files that no longer need it; or a failure.
 */
export type CompactionOutcome =
  | { readonly kind: 'written'; readonly temp: string; readonly stamp: FileStamp; readonly base: FilesStamp }
  | { readonly kind: 'stale' }
  | { readonly kind: 'failed'; readonly message: string };

/**
 * A compaction's work, done by the compaction process (compactionWorker.ts): reads the data file
 * and its log as they stand, as any process opening them would, and writes the result to a temp
 * file beside the data file, named for the store that asked and will install it.
 */
export async function prepareCompaction(job: CompactionJob): Promise<CompactionOutcome> {
  const file = new DatabaseFile(job.path, job.displayName, {}, job.lockWaitMs);
  try {
    const loaded = await file.load();
    if (!loaded.success) return { kind: 'failed', message: loaded.error.message };
    // No log: another process compacted already. A migrated file is written back by a commit.
    if (loaded.data.stamp.log === null || loaded.data.migratedFrom < CURRENT_SCHEMA_VERSION) return { kind: 'stale' };
    const prepared = await prepareFile(job.path, serializeDatabase(loaded.data.db), undefined, job.owner);
    return { kind: 'written', temp: prepared.temp, stamp: prepared.stamp, base: loaded.data.stamp };
  } finally {
    await file.close();
  }
}

// The compaction process runs from the built package: from dist/node/ and from src/node/ (under
// the tests) alike, this names dist/node/compactionWorker.js.
const workerPath = fileURLToPath(new URL('../../dist/node/compactionWorker.js', import.meta.url));

/** The flags a compaction process keeps from this one: the heap limit, which a 10× file needs. */
function inheritedFlags(): string[] {
  return process.execArgv.filter((flag) => flag.startsWith('--max-old-space-size') || flag.startsWith('--max-semi-space-size'));
}

/**
 * Runs a job in a child process at lowered CPU priority. Parsing, replaying and serialising a
 * whole partnership takes hundreds of milliseconds at 1× and seconds at 10×. In a worker thread
 * it competed with the bot's turns for the cores at equal priority; at nice 10 the kernel gives
 * the bot about ten times its share when the cores are contended. Not the lowest (nice 19): that
 * starved on a busy machine, and a CLI run that started a compaction waited for it at exit
 * (docs/performance.md has the measurements). It holds a
 * second copy of the data while it runs, and stops if this process goes away.
 */
export function runCompaction(job: CompactionJob): Promise<CompactionOutcome> {
  return new Promise((resolve) => {
    let settled = false;
    // A process that sent its outcome then exits: only the first word counts.
    const settle = (outcome: CompactionOutcome) => {
      if (settled) return;
      settled = true;
      resolve(outcome);
    };
    let stderr = '';
    let child: ReturnType<typeof fork>;
    try {
      child = fork(workerPath, [JSON.stringify(job)], { execArgv: inheritedFlags(), stdio: ['ignore', 'ignore', 'pipe', 'ipc'], serialization: 'json' });
    } catch (error) {
      settle({ kind: 'failed', message: `could not start the compaction process: ${(error as Error).message}` });
      return;
    }
    if (child.pid !== undefined) {
      try {
        setPriority(child.pid, constants.priority.PRIORITY_BELOW_NORMAL);
      } catch {
        // Not allowed here (a locked-down container): it still compacts, at normal priority.
      }
    }
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-2000);
    });
    child.once('message', (outcome) => settle(outcome as CompactionOutcome));
    child.once('error', (error) => settle({ kind: 'failed', message: `the compaction process failed: ${error.message}` }));
    child.once('close', (code, signal) =>
      settle({ kind: 'failed', message: `the compaction process stopped (${signal ?? `exit code ${code}`}) before it finished${stderr.trim() ? `: ${stderr.trim()}` : ''}` }),
    );
  });
}
