import { open, unlink } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import { parseLogChunk, replayLog } from './changeLog.js';
import { prepareFile, sameStamp, type FileStamp } from './durableWrite.js';
import { CURRENT_SCHEMA_VERSION } from '../common/store/database.js';
import { parseDataFile, serializeDatabase } from './snapshotFile.js';

/**
 * A compaction to prepare away from the store's own thread: the snapshot as it was (`snapshot`)
 * with the first `logBytes` bytes of the change log replayed on it, written to a temp file.
 * Neither is changed under it: a snapshot is replaced, never rewritten, and the log only grows
 * past `logBytes` until a compaction replaces it.
 */
export interface CompactionJob {
  readonly path: string;
  readonly displayName: string;
  readonly logPath: string;
  readonly logName: string;
  readonly snapshot: FileStamp;
  readonly logBytes: number;
}

/** What came of a job: a new snapshot ready to install, files no longer as the job found them, or a failure. */
export type CompactionOutcome =
  | { readonly kind: 'written'; readonly temp: string; readonly stamp: FileStamp; readonly revision: number; readonly entries: number }
  | { readonly kind: 'stale' }
  | { readonly kind: 'failed'; readonly message: string };

/** Reads the snapshot and the log's prefix, replays, and writes the result to a temp file beside the data file. */
export async function writeCompactedSnapshot(job: CompactionJob): Promise<CompactionOutcome> {
  let text: string;
  const handle = await open(job.path, 'r');
  try {
    const stat = await handle.stat();
    if (!sameStamp({ inode: stat.ino, size: stat.size, modifiedMs: stat.mtimeMs }, job.snapshot)) return { kind: 'stale' };
    text = await handle.readFile('utf8');
  } finally {
    await handle.close();
  }
  const parsed = parseDataFile(text, job.displayName);
  if (!parsed.success) return { kind: 'failed', message: parsed.error.message };
  // A migrated file is written back by a commit, not here.
  if (parsed.data.migratedFrom !== CURRENT_SCHEMA_VERSION) return { kind: 'stale' };
  const bytes = Buffer.alloc(job.logBytes);
  const log = await open(job.logPath, 'r');
  try {
    let read = 0;
    while (read < bytes.length) {
      const { bytesRead } = await log.read(bytes, read, bytes.length - read, read);
      if (bytesRead === 0) return { kind: 'stale' };
      read += bytesRead;
    }
  } finally {
    await log.close();
  }
  const chunk = parseLogChunk(bytes, 1, job.logName);
  if (!chunk.success) return { kind: 'failed', message: chunk.error.message };
  if (chunk.data.completeBytes !== job.logBytes) return { kind: 'stale' };
  const replayed = replayLog(parsed.data.db, chunk.data.entries, job.logName);
  if (!replayed.success) return { kind: 'failed', message: replayed.error.message };
  const prepared = await prepareFile(job.path, serializeDatabase(replayed.data));
  return { kind: 'written', temp: prepared.temp, stamp: prepared.stamp, revision: replayed.data.revision, entries: chunk.data.entries.length };
}

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
    const settle = (outcome: CompactionOutcome) => {
      if (settled) {
        if (outcome.kind === 'written') void unlink(outcome.temp).catch(() => undefined);
        return;
      }
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
