// The compaction worker thread: see runCompaction in compaction.ts.
import { parentPort, workerData } from 'node:worker_threads';
import { writeCompactedSnapshot, type CompactionJob, type CompactionOutcome } from './compaction.js';

let outcome: CompactionOutcome;
try {
  outcome = await writeCompactedSnapshot(workerData as CompactionJob);
} catch (error) {
  outcome = { kind: 'failed', message: error instanceof Error ? error.message : String(error) };
}
parentPort?.postMessage(outcome);
