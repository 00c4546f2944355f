// The compaction process: see runCompaction in compaction.ts.
import { prepareCompaction, type CompactionJob, type CompactionOutcome } from './compaction.js';

// The store that asked is gone (it crashed or was killed): nobody will install the result, and
// the temp file, named for that store, is an orphan the next writer removes.
process.once('disconnect', () => process.exit(0));

let outcome: CompactionOutcome;
try {
  outcome = await prepareCompaction(JSON.parse(process.argv[2] ?? '') as CompactionJob);
} catch (error) {
  outcome = { kind: 'failed', message: error instanceof Error ? error.message : String(error) };
}
process.send?.(outcome, () => process.disconnect());
