// A second process for the file store's tests: it opens the data file through the BUILT core
// (dist/), as the bot or a CLI run would, and commits to it. fileStore.test.ts builds core first
// if dist/ is missing or older than the source.
//
//   node commitWorker.mjs commits <file> <count> <label> [compaction JSON]
//                                                           commit <count> notes on A-1, then exit
//   node commitWorker.mjs crash-mid-write <file>           commit once, announce the half-written
//                                                           temp file on stdout, then hang
import { openFileStoreWith } from '../../../dist/node/fileStore.js';

const [mode, file, count, label, compaction] = process.argv.slice(2);
const actor = { kind: 'system', name: `worker-${process.pid}` };
const at = () => new Date().toISOString();

function check(result) {
  if (!result.success) {
    process.stderr.write(`${result.error.code}: ${result.error.message}\n`);
    process.exit(1);
  }
  return result.data;
}

if (mode === 'commits') {
  const internals = compaction === undefined ? {} : { compaction: JSON.parse(compaction) };
  const store = check(await openFileStoreWith(file, { lockStaleMs: 30_000, lockRetries: 10_000 }, internals));
  const commits = Array.from({ length: Number(count) }, (_, index) =>
    store.commit([{ type: 'action.update', ref: 'A-1', note: `${label} ${index}` }], { actor, at: at() }),
  );
  for (const result of await Promise.all(commits)) check(result);
  await store.close();
} else if (mode === 'crash-mid-write') {
  const faults = {
    midWrite: async (tempPath) => {
      process.stdout.write(`mid-write ${tempPath}\n`);
      // A timer keeps the process alive (a bare pending promise would let Node exit and release the lock).
      await new Promise((resolve) => setTimeout(resolve, 3_600_000));
    },
  };
  const store = check(await openFileStoreWith(file, {}, { faults }));
  await store.commit([{ type: 'action.update', ref: 'A-1', progress: 99 }], { actor, at: at() });
} else {
  process.stderr.write(`unknown mode ${mode}\n`);
  process.exit(2);
}
