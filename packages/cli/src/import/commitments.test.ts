import { writeCsv } from '@partnership-tracker/core/node';
import { exportReport, unwrap } from '@partnership-tracker/core';
import { describe, expect, it } from 'vitest';
import { importExamples, importText } from '../__fixtures__/examples.js';

const plan = (db: ReturnType<typeof importExamples>['db']) => db.plans.find((p) => p.name === 'Business plan 2025–27')!;

describe('ptrack import commitments', () => {
  it('adds what we said, its priority, what we delivered and the actions that delivered it', () => {
    const { db } = importExamples();
    expect(plan(db).commitments[0]).toEqual({
      said: 'Relaunch the neglect toolkit',
      delivered: 'The toolkit was relaunched in September 2025 with multi-agency training for 120 practitioners.',
      priorityId: 'neglect',
      actionRefs: ['A-1'],
    });
    expect(plan(db).commitments.map((c) => c.said)).toEqual(['Relaunch the neglect toolkit', 'Understand early help referrals from schools', 'Publish a family resilience strategy']);
  });

  it('fills in what was delivered later, matched on the plan and what was said (in the file’s wording), and keeps what a blank cell leaves out', () => {
    const { db } = importExamples();
    const text = 'Plan,What we said,What we delivered\nBusiness plan 2025–27,understand early help referrals from schools,Audit presented to QAG in January 2026.\n';
    const result = importText(db, 'commitments', text);
    expect(result.error).toBe('');
    expect(plan(result.db).commitments[1]).toEqual({ said: 'understand early help referrals from schools', delivered: 'Audit presented to QAG in January 2026.', priorityId: 'early-intervention', actionRefs: ['A-2'] });
    expect(plan(result.db).commitments).toHaveLength(3);
  });

  it('reads back what export commitments writes, changing nothing', () => {
    const { db } = importExamples();
    const csv = writeCsv(unwrap(exportReport(db, 'commitments', { today: '2026-11-23' })));
    expect(csv).toContain('Plan,Priority,What we said,What we delivered,Actions\r\n');
    expect(importText(db, 'commitments', csv).changes).toBe('nothing changed (everything in the file was already there)');
  });

  it('names every bad cell and imports nothing', () => {
    const { db } = importExamples();
    const text = [
      'plan,said,priority,actions',
      'Business plan 2099,A promise,,',
      'Business plan 2025–27,Another promise,Online harm,A-1',
      'Business plan 2025–27,A third,,A-99; x-y',
      'Business plan 2025–27,,Neglect,',
    ].join('\n');
    const result = importText(db, 'commitments', text);
    expect(result.error).toMatchInlineSnapshot(`
      "commitments.csv:2: column "plan": unknown plan "Business plan 2099"; import it with \`ptrack import plans\` first
      commitments.csv:3: column "priority": Business plan 2025–27 has no priority "Online harm" (it has: Family resilience; Early intervention; Neglect; Serious youth violence; System learning)
      commitments.csv:4: column "actions": "X-Y" is not an action reference like A-12
      commitments.csv:4: column "actions": there is no action A-99; import the actions first
      commitments.csv:5: column "said": is blank; every row needs it"
    `);
    expect(result.db).toBe(db);
  });
});
