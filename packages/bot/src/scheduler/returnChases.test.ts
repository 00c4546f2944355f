import { MemoryStore, ReturnRequest, type Database } from '@partnership-tracker/core';
import { describe, expect, it } from 'vitest';
import { FakeClock, FakeSender, fakeSleep, schedulerDatabase } from './__fixtures__/schedulerFixtures.js';
import { createScheduler } from './scheduler.js';

const MINUTE = 60_000;

/** The scheduler fixture with its actions done, and the Q1 dataset due Friday 17 July 2026 asked of the schools (Jo). */
function withDataset(): Database {
  const db = schedulerDatabase();
  const request = ReturnRequest.parse({
    id: 'dataset-q1',
    kind: 'quarterly-dataset',
    title: 'Dataset 2026/27 Q1',
    period: '2026/27 Q1',
    dueOn: '2026-07-17',
    agencies: [{ agencyId: 'schools', contactId: 'jo' }],
  });
  return { ...db, actions: [], meetings: [], returns: [request] };
}

describe('the scheduler chases returns through the outbox, each chase once', () => {
  it('sends the chases, the overdue alert to the chair and a chase by hand exactly once over weeks of ticks, and stops when the return comes', async () => {
    const clock = new FakeClock('2026-07-06T00:00:00Z');
    const store = new MemoryStore(withDataset());
    const sender = new FakeSender(clock);
    const { sleep } = fakeSleep(clock);
    const scheduler = createScheduler({ store, clock, sender, sleep });
    const sent: string[] = [];
    const tickUntil = async (instant: string) => {
      while (clock.now().toISOString() < instant) {
        const report = await scheduler.tick();
        sent.push(...report.sent.filter((key) => key.startsWith('return-')));
        clock.advance(30 * MINUTE);
      }
    };
    await tickUntil('2026-07-26T14:00:00Z');
    // Sunday afternoon: the business team chases by hand; it goes at the next tick.
    await store.commit([{ type: 'returnResponse.chase', returnId: 'dataset-q1', agencyId: 'schools' }], { actor: { kind: 'system', name: 'cli' }, at: '2026-07-26T14:00:00.000Z' });
    await tickUntil('2026-08-05T12:00:00Z');
    await store.commit([{ type: 'returnResponse.submit', returnId: 'dataset-q1', agencyId: 'schools', link: 'https://share.example/q1.xlsx' }], { actor: { kind: 'person', personId: 'jo' }, at: '2026-08-05T12:00:00.000Z' });
    await tickUntil('2026-09-30T00:00:00Z');
    expect(sent).toEqual([
      'return-chase:due-7:dataset-q1:schools:2026-07-10',
      'return-chase:due:dataset-q1:schools:2026-07-17',
      'return-chase:overdue:dataset-q1:schools:2026-07-24',
      'return-chase:by-hand:dataset-q1:schools:2026-07-26T14:00:00.000Z',
      'return-chase:overdue:dataset-q1:schools:2026-07-31',
      // Ten working days after Friday 17 July: Friday 31 July. The schools sit only on QAG.
      'return-overdue-alert:dataset-q1:schools',
    ]);
    const calls = sender.calls.filter((c) => /Dataset 2026\/27 Q1/.test(c.reply.text ?? ''));
    expect(calls.map((c) => `${c.at.slice(0, 16)} ${c.target.kind === 'person' ? c.target.personId : ''}`)).toEqual([
      '2026-07-10T08:00 jo',
      '2026-07-17T08:00 jo',
      '2026-07-24T08:00 jo',
      '2026-07-26T14:30 jo',
      '2026-07-31T08:00 jo',
      '2026-07-31T08:00 quinn',
    ]);
    expect(calls[3]!.reply.text).toMatch(/^The business team asks after Testshire Schools's “Dataset 2026\/27 Q1”, which is 9 days overdue/);
  }, 30_000);
});
