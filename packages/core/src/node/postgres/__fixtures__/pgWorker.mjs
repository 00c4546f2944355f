// A second process for the PostgreSQL store's tests: it opens a partnership through the BUILT
// core (dist/), as the bot or a CLI run would, and commits to it.
//
//   node pgWorker.mjs commits <url> <partnership> <count> <label>
//       commit <count> notes on A-1 one after another; print each commit's revision, one a line
import { openPgStore } from '../../../../dist/node/index.js';

const [mode, url, partnership, count, label] = process.argv.slice(2);
const actor = { kind: 'system', name: `worker-${process.pid}` };

function check(result) {
  if (!result.success) {
    process.stderr.write(`${result.error.code}: ${result.error.message}\n`);
    process.exit(1);
  }
  return result.data;
}

if (mode === 'commits') {
  const store = check(await openPgStore(url, partnership));
  const revisions = [];
  for (let index = 0; index < Number(count); index++) {
    const result = check(await store.commit([{ type: 'action.update', ref: 'A-1', note: `${label} ${index}` }], { actor, at: new Date().toISOString() }));
    revisions.push(result.revision);
  }
  await store.close();
  process.stdout.write(`${revisions.join('\n')}\n`);
} else {
  process.stderr.write(`unknown mode ${mode}\n`);
  process.exit(2);
}
