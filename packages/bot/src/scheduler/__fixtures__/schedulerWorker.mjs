// A bot instance's scheduler in a process of its own, on a partnership in PostgreSQL, through the
// BUILT bot and core (dist/), for the several-instances tests (postgres.test.ts).
//
//   node schedulerWorker.mjs tick <url> <partnership> <now> <ticks>
//       tick <ticks> times at <now>; print `delivered <target>: <first words>` for each message the fake channel
//       accepted, then `sent <key>` for each the scheduler recorded as sent
//   node schedulerWorker.mjs hang <url> <partnership> <now>
//       tick at <now>; the first send prints `sending <target>: <first words>` and never returns (to be killed)
import { openPgStore } from '@partnership-tracker/core/node';
import { createScheduler } from '../../../dist/scheduler/index.js';

const [mode, url, partnership, now, ticks = '1'] = process.argv.slice(2);
const opened = await openPgStore(url, partnership);
if (!opened.success) {
  process.stderr.write(`${opened.error.code}: ${opened.error.message}\n`);
  process.exit(1);
}
const store = opened.data;
const clock = { now: () => new Date(now) };
// A message is named by where it goes and the start of what it says (two may go to one person).
const name = (target, reply) => `${target.kind === 'person' ? target.personId : target.conversationId}: ${(reply.text ?? '').split('\n')[0].slice(0, 60)}`;
const sender = {
  async send(target, reply) {
    if (target.kind === 'person' && target.personId === 'sam') return { ok: false, permanent: true, error: 'no conversation reference for sam' };
    if (mode === 'hang') {
      process.stdout.write(`sending ${name(target, reply)}\n`);
      await new Promise((resolve) => setTimeout(resolve, 3_600_000));
    }
    process.stdout.write(`delivered ${name(target, reply)}\n`);
    return { ok: true };
  },
};
const scheduler = createScheduler({ store, clock, sender, sleep: async () => {} });
const sent = [];
for (let tick = 0; tick < Number(ticks); tick++) {
  const report = await scheduler.tick();
  sent.push(...report.sent);
  if (report.errors.length > 0) process.stderr.write(`errors: ${JSON.stringify(report.errors)}\n`);
}
for (const key of sent) process.stdout.write(`sent ${key}\n`);
await scheduler.stop();
await store.close();
