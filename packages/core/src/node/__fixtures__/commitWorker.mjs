// A second process for the file store's tests: it opens the data file through the BUILT core
// (dist/), as the bot or a CLI run would, and commits to it. fileStore.test.ts builds core first
// if dist/ is missing or older than the source.
//
//   node commitWorker.mjs commits <file> <count> <label> [compaction JSON]
//                                                           commit <count> notes on A-1, then exit
//   node commitWorker.mjs crash-mid-write <file>           commit once, announce the half-written
//                                                           temp file on stdout, then hang
//   node commitWorker.mjs freeze <file> <fault> <label> <count> [compaction JSON]
//                                                           commit <count> notes on A-1 one after the
//                                                           other; the first time the store reaches
//                                                           <fault> (a WriteFaults hook), print
//                                                           "frozen" and stop itself with SIGSTOP;
//                                                           print each commit's outcome as a JSON line,
//                                                           then "closed" once the store has closed
//   node commitWorker.mjs loop <file> <label> <count> [compaction JSON]
//                                                           commit "<label> <i>" on A-1 for i = 1..count,
//                                                           printing "ack <label> <i>" once each is
//                                                           acknowledged; a failed commit is printed as
//                                                           "refused <code>" and tried again
//   node commitWorker.mjs compact-and-leave <file>         commit 4 notes with a compaction after 3, wait
//                                                           until it is installed, print "compacted" and
//                                                           return without closing the store: the process
//                                                           must still exit by itself
//   node commitWorker.mjs hold-lock <file>                 take the data file's lock, print "held",
//                                                           and keep it until killed
import { writeSync } from 'node:fs';
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
} else if (mode === 'compact-and-leave') {
  const store = check(await openFileStoreWith(file, {}, { compaction: { rewriteBelowBytes: 0, maxLogEntries: 3, maxLogFraction: 1000 } }));
  for (const note of ['one', 'two', 'three', 'four']) check(await store.commit([{ type: 'action.update', ref: 'A-1', note }], { actor, at: at() }));
  const { readFile } = await import('node:fs/promises');
  while (JSON.parse(await readFile(file, 'utf8')).revision !== 4) await new Promise((resolve) => setTimeout(resolve, 10));
  process.stdout.write('compacted\n');
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
} else if (mode === 'freeze') {
  const [, , fault, freezeLabel, freezeCount, freezeCompaction] = process.argv.slice(2);
  let frozen = false;
  const faults = {
    [fault]: async () => {
      if (frozen) return;
      frozen = true;
      writeSync(1, 'frozen\n');
      // Frozen as by a laptop's sleep or a stalled machine: it resumes with SIGCONT where it stopped.
      process.kill(process.pid, 'SIGSTOP');
    },
  };
  const internals = { faults, ...(freezeCompaction === undefined ? {} : { compaction: JSON.parse(freezeCompaction) }) };
  const store = check(await openFileStoreWith(file, {}, internals));
  for (let index = 1; index <= Number(freezeCount); index++) {
    const note = `${freezeLabel} ${index}`;
    const result = await store.commit([{ type: 'action.update', ref: 'A-1', note }], { actor, at: at() });
    process.stdout.write(`${JSON.stringify({ note, ok: result.success, code: result.success ? null : result.error.code })}\n`);
  }
  await store.close();
  process.stdout.write('closed\n');
} else if (mode === 'loop') {
  const [, , loopLabel, loopCount, loopCompaction] = process.argv.slice(2);
  const internals = loopCompaction === undefined ? {} : { compaction: JSON.parse(loopCompaction) };
  const store = check(await openFileStoreWith(file, { lockWaitMs: 60_000 }, internals));
  for (let index = 1; index <= Number(loopCount); ) {
    const note = `${loopLabel} ${index}`;
    const result = await store.commit([{ type: 'action.update', ref: 'A-1', note }], { actor, at: at() });
    if (result.success) {
      writeSync(1, `ack ${note}\n`);
      index++;
    } else {
      writeSync(1, `refused ${result.error.code}\n`);
    }
  }
  await store.close();
} else if (mode === 'hold-lock') {
  const { FileLock } = await import('../../../dist/node/fileLock.js');
  const lock = new FileLock(`${file}.lock`, 0o600);
  const held = await lock.acquire({ waitMs: 60_000, displayName: file });
  if (!held.success) {
    process.stderr.write(`${held.error.code}: ${held.error.message}\n`);
    process.exit(1);
  }
  writeSync(1, 'held\n');
  setInterval(() => undefined, 3_600_000);
} else {
  process.stderr.write(`unknown mode ${mode}\n`);
  process.exit(2);
}
