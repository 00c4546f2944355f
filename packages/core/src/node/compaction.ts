import { Worker } from 'node:worker_threads';
import type { FileStamp } from './durableWrite.js';
import type { FilesStamp } from './fileStore.js';

/** A compaction to prepare away from the store's own thread: the data file and its log as they stand. */
export interface CompactionJob {
  readonly path: string;
  readonly displayName: string;
}

/**
 * What came of a job: a new snapshot in a temp file beside the data file, with the versions of
 * the snapshot and log it was built from; files that no longer need it; or a failure.
 */
export type CompactionOutcome =
  | { readonly kind: 'written'; readonly temp: string; readonly stamp: FileStamp; readonly base: FilesStamp }
  | { readonly kind: 'stale' }
  | { readonly kind: 'failed'; readonly message: string };

// The worker runs from the built package: from dist/node/ and from src/node/ (under the tests)
// alike, this names dist/node/compactionWorker.js.
const workerUrl = new URL('../../dist/node/compactionWorker.js', import.meta.url);

/**
 * Runs a job in a worker thread, so that parsing, replaying and serialising a whole partnership
 * (hundreds of milliseconds at 1×, seconds at 10×) never holds up the bot's turns. The worker
 * holds a second copy of the data while it runs.
 */
export function runCompaction(job: CompactionJob): Promise<CompactionOutcome> {
  return new Promise((resolve) => {
    let settled = false;
    // A worker that posted its outcome then exits: only the first word counts.
    const settle = (outcome: CompactionOutcome) => {
      if (settled) return;
      settled = true;
      resolve(outcome);
    };
    let worker: Worker;
    try {
      worker = new Worker(workerUrl, { workerData: job });
    } catch (error) {
      settle({ kind: 'failed', message: `could not start the compaction worker: ${(error as Error).message}` });
      return;
    }
    worker.once('message', (outcome: CompactionOutcome) => settle(outcome));
    worker.once('error', (error) => settle({ kind: 'failed', message: error.message }));
    worker.once('exit', (code) => settle({ kind: 'failed', message: `the compaction worker stopped (exit code ${code}) before it finished` }));
  });
}
