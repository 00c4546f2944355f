// The compaction worker thread: see runCompaction in compaction.ts.
import { parentPort, workerData } from 'node:worker_threads';
import type { CompactionJob, CompactionOutcome } from './compaction.js';
import { prepareCompaction } from './fileStore.js';

let outcome: CompactionOutcome;
try {
  outcome = await prepareCompaction(workerData as CompactionJob);
} catch (error) {
  outcome = { kind: 'failed', message: error instanceof Error ? error.message : String(error) };
}
parentPort?.postMessage(outcome);
