import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unwrap } from '@partnership-tracker/core';
import { createDataFile, openFileStore } from '@partnership-tracker/core/node';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeClock, FakeSender, fakeSleep, schedulerDatabase } from './__fixtures__/schedulerFixtures.js';
import { createScheduler } from './scheduler.js';

describe('the scheduler on a real data file', () => {
  let directory: string;
  let path: string;

  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'ptrack-scheduler-'));
    path = join(directory, 'partnership.json');
    unwrap(await createDataFile(path, schedulerDatabase()));
  });

  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  async function startProcess(now: string) {
    const store = unwrap(await openFileStore(path));
    const clock = new FakeClock(now);
    const sender = new FakeSender(clock);
    const scheduler = createScheduler({ store, clock, sender, sleep: fakeSleep(clock).sleep });
    return { store, clock, sender, scheduler };
  }

  it('a restarted process sends nothing twice, because the outbox is on disk', async () => {
    const first = await startProcess('2026-06-16T08:00:00Z');
    expect((await first.scheduler.tick()).sent).toEqual(['please-update:jo:2026-27-Q1', 'reminder:due-14:A-1:2026-06-16']);
    await first.scheduler.stop();
    await first.store.close();

    const onDisk = JSON.parse(await readFile(path, 'utf8')) as { outbox: Array<{ key: string; state: string }> };
    expect(onDisk.outbox.map((m) => `${m.key} ${m.state}`)).toEqual(['please-update:jo:2026-27-Q1 sent', 'reminder:due-14:A-1:2026-06-16 sent']);

    const second = await startProcess('2026-06-16T08:05:00Z');
    expect((await second.scheduler.tick()).sent).toEqual([]);
    expect(second.sender.calls).toEqual([]);
    await second.store.close();
  });

  it('two processes on one file, ticking together, send each message once', async () => {
    const one = await startProcess('2026-06-16T08:00:00Z');
    const two = await startProcess('2026-06-16T08:00:00Z');
    const reports = await Promise.all([one.scheduler.tick(), two.scheduler.tick()]);
    expect(reports.flatMap((r) => r.sent).sort()).toEqual(['please-update:jo:2026-27-Q1', 'reminder:due-14:A-1:2026-06-16']);
    expect(one.sender.calls.length + two.sender.calls.length).toBe(2);
    await Promise.all([one.store.close(), two.store.close()]);
  });
});
