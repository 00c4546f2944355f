import { fork, type ChildProcess } from 'node:child_process';
import { constants, setPriority } from 'node:os';
import { fileURLToPath } from 'node:url';
import { CURRENT_SCHEMA_VERSION } from '../common/store/database.js';
import { SerialQueue } from '../common/store/serialQueue.js';
import { DatabaseFile, type FilesStamp, type HeldData } from './dataFile.js';
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
  /**
   * Rewrite the snapshot once the log holds this many changes, to bound the replay at open. With
   * `background`, the changes a compaction carried over (committed while it was prepared) are not
   * counted again: the next one starts once this many more have been appended.
   */
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
   * the limits while the compaction under way has not finished: one that never finishes must not
   * let the log grow without bound. (A compaction that fails is not waited for: the next commit
   * past the limits compacts itself.) High, because a commit that compacts itself stops every
   * other for as long as a compaction takes, a second at 1× and ten at 10×, where replaying a
   * longer log at the next open costs 0.05–0.1 ms a change.
   */
  readonly forceFactor: number;
  /**
   * With `background`, a compaction that falls due waits until this process has committed nothing
   * for this long: a burst of changes (twenty people saving at once, a register of thirty lines,
   * an import) is not slowed by a compaction's core and its write of the whole file, which at 1×
   * put a fifth on the bot's slowest answers at twenty users. A partnership's changes come minutes
   * apart, so for it this is a second's delay. `close()` starts a waiting compaction at once.
   */
  readonly quietMs: number;
  /**
   * …but no longer than until the log reaches this multiple of the limits: under load that never
   * pauses, the log's replay at the next open stays bounded.
   */
  readonly busyFactor: number;
}

/** The default compaction policy; see docs/performance.md for the measurements behind it. */
export const DEFAULT_COMPACTION: CompactionPolicy = {
  rewriteBelowBytes: 2 * 1024 * 1024,
  maxLogEntries: 1000,
  maxLogFraction: 0.25,
  background: true,
  forceFactor: 16,
  quietMs: 1000,
  busyFactor: 4,
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
 *
 * `held` is what the same process wrote for the previous job on this file. While the data file is
 * still that snapshot (the store installed it and nobody has rewritten it since), only the log
 * is read and replayed on top, as a store catches up with other writers; otherwise the files
 * are read whole. Reading and validating the snapshot was some two thirds of a compaction's work.
 */
export async function prepareCompaction(job: CompactionJob, held?: HeldCompaction): Promise<{ outcome: CompactionOutcome; held?: HeldCompaction }> {
  const file = new DatabaseFile(job.path, job.displayName, {}, job.lockWaitMs);
  try {
    const loaded = await file.catchUp(held?.path === job.path ? held.data : undefined, { kind: 'shared', waitMs: job.lockWaitMs });
    if (!loaded.success) return { outcome: { kind: 'failed', message: loaded.error.message } };
    // No log: another process compacted already. A migrated file is written back by a commit.
    if (loaded.data.stamp.log === null || loaded.data.migratedFrom < CURRENT_SCHEMA_VERSION) return { outcome: { kind: 'stale' } };
    const prepared = await prepareFile(job.path, serializeDatabase(loaded.data.db), undefined, job.owner);
    return {
      outcome: { kind: 'written', temp: prepared.temp, stamp: prepared.stamp, base: loaded.data.stamp },
      // A rename keeps the temp file's inode, size and time, so once installed the data file
      // carries this stamp; any log beside it then is read from its start (see catchUp).
      held: { path: job.path, data: { db: loaded.data.db, stamp: { snapshot: prepared.stamp, log: null }, migratedFrom: loaded.data.migratedFrom } },
    };
  } finally {
    await file.close();
  }
}

/** The data a compaction process wrote last, and for which file. */
export interface HeldCompaction {
  readonly path: string;
  readonly data: HeldData;
}

// The compaction process runs from the built package: from dist/node/ and from src/node/ (under
// the tests) alike, this names dist/node/compactionWorker.js.
const workerPath = fileURLToPath(new URL('../../dist/node/compactionWorker.js', import.meta.url));

/** The flags a compaction process keeps from this one: the heap limit, which a 10× file needs. */
function inheritedFlags(): string[] {
  return process.execArgv.filter((flag) => flag.startsWith('--max-old-space-size') || flag.startsWith('--max-semi-space-size'));
}

/** How long an idle compaction process is kept for the next job before it is let go. */
export const COMPACTION_PROCESS_IDLE_MS = 60_000;

/**
 * Runs a store's compactions in a child process at lowered CPU priority, one job at a time.
 * Parsing, replaying and serialising a whole partnership takes hundreds of milliseconds at 1×
 * and seconds at 10×. In a worker thread it competed with the bot's turns for the cores at equal
 * priority; at nice 10 the kernel gives the bot about ten times its share when the cores are
 * contended. Not the lowest (nice 19): that starved on a busy machine, and a CLI run that
 * started a compaction waited for it at exit (docs/performance.md has the measurements).
 *
 * The process is kept between jobs, for COMPACTION_PROCESS_IDLE_MS after the last: starting one
 * stops this process's thread for 5–25 ms (more the larger its heap and the busier the cores),
 * and a kept process still holds the snapshot it wrote, so the next job reads only the log. It
 * holds a second copy of the data while kept, and stops if this process goes away; while idle
 * it does not keep this process alive.
 */
export class CompactionProcess {
  private child: ChildProcess | undefined;
  private idleTimer: NodeJS.Timeout | undefined;
  /** One job at a time: the process holds one snapshot and answers one job per message. */
  private readonly jobs = new SerialQueue();
  /** How many processes this has started: each start is a pause for this process's thread. */
  started = 0;

  constructor(private readonly idleMs: number = COMPACTION_PROCESS_IDLE_MS) {}

  /** The kept process's id, while there is one. */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Runs `job` in the kept process, starting one if there is none; never rejects. */
  run(job: CompactionJob): Promise<CompactionOutcome> {
    return this.jobs.run(() => this.runNow(job));
  }

  /** Lets the process go (it exits once its channel closes); the next job starts another. */
  close(): void {
    if (this.idleTimer !== undefined) clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    const child = this.child;
    this.child = undefined;
    if (child?.connected) child.disconnect();
  }

  private runNow(job: CompactionJob): Promise<CompactionOutcome> {
    if (this.idleTimer !== undefined) clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    let child = this.child;
    if (child === undefined || !child.connected) {
      try {
        child = this.start();
      } catch (error) {
        return Promise.resolve({ kind: 'failed', message: `could not start the compaction process: ${(error as Error).message}` });
      }
    }
    const running = child;
    // A job under way keeps this process alive (a CLI run waits for it at exit); an idle one does not.
    holdOpen(running, true);
    let stderr = '';
    const onStderr = (chunk: string) => {
      stderr = (stderr + chunk).slice(-2000);
    };
    running.stderr?.on('data', onStderr);
    return new Promise<CompactionOutcome>((resolve) => {
      let settled = false;
      // The first word counts: a failed send may still be followed by the process closing.
      const settle = (outcome: CompactionOutcome) => {
        if (settled) return;
        settled = true;
        running.off('message', onMessage);
        running.off('error', onError);
        running.off('close', onClose);
        running.stderr?.off('data', onStderr);
        if (outcome.kind === 'failed' && this.child === running) {
          // Whatever went wrong, the next job starts afresh.
          this.child = undefined;
          running.kill();
        } else if (this.child === running) {
          holdOpen(running, false);
          this.idleTimer = setTimeout(() => this.close(), this.idleMs);
          this.idleTimer.unref();
        }
        resolve(outcome);
      };
      const onMessage = (outcome: unknown) => settle(outcome as CompactionOutcome);
      const onError = (error: Error) => settle({ kind: 'failed', message: `the compaction process failed: ${error.message}` });
      const onClose = (code: number | null, signal: NodeJS.Signals | null) =>
        settle({ kind: 'failed', message: `the compaction process stopped (${signal ?? `exit code ${code}`}) before it finished${stderr.trim() ? `: ${stderr.trim()}` : ''}` });
      running.on('message', onMessage);
      running.once('error', onError);
      running.once('close', onClose);
      running.send(job, (error) => {
        if (error) settle({ kind: 'failed', message: `could not reach the compaction process: ${error.message}` });
      });
    });
  }

  private start(): ChildProcess {
    const child = fork(workerPath, [], { execArgv: inheritedFlags(), stdio: ['ignore', 'ignore', 'pipe', 'ipc'], serialization: 'json' });
    this.started += 1;
    this.child = child;
    child.stderr?.setEncoding('utf8');
    // Its exit between jobs (killed, out of memory) is noticed at the next job, which starts another.
    child.on('error', () => undefined);
    child.once('exit', () => {
      if (this.child === child) this.child = undefined;
    });
    if (child.pid !== undefined) {
      try {
        setPriority(child.pid, constants.priority.PRIORITY_BELOW_NORMAL);
      } catch {
        // Not allowed here (a locked-down container): it still compacts, at normal priority.
      }
    }
    return child;
  }
}

/** Whether a kept process (its handle, its channel and its stderr pipe) keeps this process's event loop alive. */
function holdOpen(child: ChildProcess, hold: boolean): void {
  const stderr = child.stderr as (NodeJS.ReadableStream & { ref?: () => void; unref?: () => void }) | null;
  if (hold) {
    child.ref();
    child.channel?.ref();
    stderr?.ref?.();
  } else {
    child.unref();
    child.channel?.unref();
    stderr?.unref?.();
  }
}
