import { describe, expect, it } from 'vitest';
import { unwrap } from '../base/result.js';
import { applyCommands } from '../store/applyCommands.js';
import type { CommandInput } from '../store/commands.js';
import { actors, by, sampleDatabase } from '../store/__fixtures__/sampleDatabase.js';
import { registerDigestLines } from './registerDigest.js';
import { registerWork } from './registerWork.js';

const recommendationAction = (ref: string, item: number, ownerId: string | null, due: string): CommandInput => ({
  type: 'action.create',
  action: { ref, planId: 'plan-2025-27', title: `Answer recommendation ${item}`, ownerId, due, source: { kind: 'review-recommendation', reference: null, recordId: 'child-k', item } },
});

/** The sample partnership with a rapid review (Child K, notified 7 April 2025, not yet complete) and actions answering it. */
function withChildK() {
  const commands: CommandInput[] = [
    { type: 'subgroup.upsert', subgroup: { id: 'review', name: 'Review Group', shortName: 'Review', chairId: 'dev-deputy', maintains: ['reviews'] } },
    {
      type: 'review.upsert',
      review: {
        id: 'child-k',
        codename: 'Child K',
        type: 'rapid-review',
        notifiedOn: '2025-04-07',
        recommendations: [1, 2, 3].map((number) => ({ number, text: `Recommendation ${number}.` })),
        lateReason: null,
      },
    },
    recommendationAction('R-1', 1, 'olu-owner', '2025-06-30'),
    recommendationAction('R-2', 2, 'chloe-chair', '2025-09-30'),
    recommendationAction('R-3', 3, 'olu-owner', '2025-05-31'),
    recommendationAction('R-4', 3, null, '2025-12-31'),
  ];
  const db = unwrap(applyCommands(sampleDatabase(), commands, by(actors.cli))).db;
  // R-2 is done: a finished action is nobody's to chase.
  return unwrap(applyCommands(db, [{ type: 'action.update', ref: 'R-2', status: 'complete', progress: 100 }], by(actors.cli))).db;
}

describe("a register's work for its chair", () => {
  it('lists the open actions its records produced, by owner, soonest first, with those past due', () => {
    const work = registerWork(withChildK(), 'reviews', '2025-07-01');
    expect(work.byOwner.map((o) => [o.ownerName, o.items.map((i) => [i.ref, i.answers, i.overdue])])).toEqual([
      [
        'Olu Owner',
        [
          ['R-3', 'Child K, recommendation 3', true],
          ['R-1', 'Child K, recommendation 1', true],
        ],
      ],
      ['No owner yet', [['R-4', 'Child K, recommendation 3', false]]],
    ]);
    expect([work.openCount, work.overdueCount]).toEqual([3, 2]);
  });

  it('names the reviews behind their timescale, counted in working days', () => {
    // Fifteen working days from Monday 7 April 2025, with Good Friday and Easter Monday off: 30 April.
    expect(registerWork(withChildK(), 'reviews', '2025-05-02').late).toEqual([{ record: 'Child K', why: '2 working days past its due date (30/04/2025): no reason recorded' }]);
    expect(registerWork(withChildK(), 'reviews', '2025-04-30').late).toEqual([]);
  });

  it("keeps each register's work to its own records", () => {
    const work = registerWork(withChildK(), 'audits', '2025-07-01');
    expect([work.openCount, work.byOwner, work.late]).toEqual([0, [], []]);
  });
});

describe("the registers' lines of the quarterly digest", () => {
  it('count the reviews opened in the quarter and the actions they left open at its end, as they stood then', () => {
    const db = withChildK();
    const q1 = registerDigestLines(db, { range: { start: '2025-04-01', end: '2025-07-01' }, lastDay: '2025-06-30', asAt: '2025-06-30T22:59:59.999Z' });
    expect(q1.map((l) => [l.measure, l.count])).toEqual([
      ['Reviews opened (notified)', 1],
      ['Reviews completed', 0],
      ['Reviews and briefings published', 0],
      ['Reviews behind their timescale at the quarter end', 1],
      ['Recommendation actions open at the quarter end', 3],
      ['Recommendation actions overdue at the quarter end', 2],
    ]);
    // Before the actions existed, none was open: a later quarter's work does not reach back.
    const before = registerDigestLines(db, { range: { start: '2025-01-01', end: '2025-04-01' }, lastDay: '2025-03-31', asAt: '2025-03-31T22:59:59.999Z' });
    expect(before.find((l) => l.measure === 'Recommendation actions open at the quarter end')!.count).toBe(0);
  });

  it('say nothing for a partnership that keeps no reviews', () => {
    expect(registerDigestLines(sampleDatabase(), { range: { start: '2025-04-01', end: '2025-07-01' }, lastDay: '2025-06-30', asAt: '2025-06-30T22:59:59.999Z' })).toEqual([]);
  });
});
