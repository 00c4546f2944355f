// The compaction process: see CompactionProcess in compaction.ts.
import { prepareCompaction, type CompactionJob, type CompactionOutcome, type HeldCompaction } from './compaction.js';

// The store that asked is gone (it crashed, was killed, or let this process go): nobody will
// install a result, and a temp file named for that store is an orphan the next writer removes.
process.once('disconnect', () => process.exit(0));

let held: HeldCompaction | undefined;
let queue: Promise<void> = Promise.resolve();

process.on('message', (job: CompactionJob) => {
  queue = queue.then(async () => {
    let outcome: CompactionOutcome;
    try {
      const prepared = await prepareCompaction(job, held);
      outcome = prepared.outcome;
      held = prepared.held;
    } catch (error) {
      outcome = { kind: 'failed', message: error instanceof Error ? error.message : String(error) };
      held = undefined;
    }
    process.send?.(outcome);
  });
});
