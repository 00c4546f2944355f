import { fork } from 'node:child_process';
import { constants, setPriority } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { FileStamp } from './durableWrite.js';
import type { FilesStamp } from './fileStore.js';

/** A compaction to prepare away from the store's own process: the data file and its log as they stand. */
export interface CompactionJob {
  readonly path: string;
  readonly displayName: string;
  /** The process that will install the result, whose id the temp file carries. */
  readonly owner: number;
}

/**
 * What came of a job: a new snapshot in a temp file beside the data file, with the versions of
 * the snapshot and log it was built from; files that no longer need it; or a failure.
 */
export type CompactionOutcome =
  | { readonly kind: 'written'; readonly temp: string; readonly stamp: FileStamp; readonly base: FilesStamp }
  | { readonly kind: 'stale' }
  | { readonly kind: 'failed'; readonly message: string };

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
