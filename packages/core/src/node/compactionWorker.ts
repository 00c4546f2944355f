// The compaction process: see CompactionProcess in compaction.ts.
import { SerialQueue } from '../common/store/serialQueue.js';
import { prepareCompaction, type CompactionJob, type CompactionOutcome, type HeldCompaction } from './compaction.js';

// The store that asked is gone (it crashed, was killed, or let this process go): nobody will
// install a result, and a temp file named for that store is an orphan the next writer removes.
process.once('disconnect', () => process.exit(0));

let held: HeldCompaction | undefined;
// Jobs in the order they came, each on what the one before left in `held`.
const jobs = new SerialQueue();

process.on('message', (job: CompactionJob) => {
  void jobs.run(async () => {
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
