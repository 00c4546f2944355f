import { challengeActions, challengeCounts, challengesReport, executiveImpact, parsePeriod, unwrap } from '@partnership-tracker/core';
import { describe, expect, it } from 'vitest';
import { importExamples, importText } from '../__fixtures__/examples.js';

const year = (label: string) => unwrap(parsePeriod(label));

describe('importing the challenge and escalation log (issue 14)', () => {
  it('records who raised each challenge, with whom, its stages, outcome and impact, and links its actions', () => {
    const { db } = importExamples();
    expect(db.challenges.map((c) => [c.id, c.raisedBy, c.subgroupId, c.toAgencyIds.length, c.stage, c.outcome])).toEqual([
      ['housing-representation', 'executive', null, 1, 2, 'resolved'],
      ['joint-exploitation-protocol', 'executive', null, 2, 1, null],
      ['neurodivergence-data', 'subgroup', 'quality-assurance-group', 0, 1, 'resolved'],
      ['inequality-of-the-statutory-partners-funding', 'independent-scrutineer', null, 1, 3, null],
    ]);
    expect(db.challenges[1]!.escalations).toEqual([{ stage: 2, on: '2025-10-14' }]);
    const linked = challengeActions(db, 'joint-exploitation-protocol');
    expect(linked.map((a) => [a.ref, a.source.kind, a.source.recordId])).toEqual([['A-3', 'executive', 'joint-exploitation-protocol']]);
    expect(executiveImpact(db, year('2025/26'))).toEqual([
      { impactArea: 'Challenge of Housing representation', evidenceOfImpact: 'Housing now attends the QAG and the Review Group and provides its data.' },
    ]);
    expect(challengeCounts(db, year('2025/26'))).toMatchObject({ total: 4, raised: 4, closed: 2 });
  });

  it('updates a challenge by its id, keeping what blank cells leave out', () => {
    const { db } = importExamples();
    const text = 'id,raised_by,issue,raised,stage_3_on,outcome,closed\njoint-exploitation-protocol,Executive,Delay in agreeing the joint exploitation protocol,23/09/2025,2025-11-20,resolved,2025-12-16\n';
    const result = importText(db, 'challenges', text);
    expect(result.error).toBe('');
    expect(result.changes).toBe('changed 1 challenge');
    const challenge = result.db.challenges.find((c) => c.id === 'joint-exploitation-protocol')!;
    // Stage 2 is not in the file: the escalations given replace those recorded.
    expect(challenge).toMatchObject({ stage: 1, escalations: [{ stage: 3, on: '2025-11-20' }], outcome: 'resolved', closedOn: '2025-12-16', toAgencyIds: ['metropolitan-police', 'croydon-council-children-s-social-care'] });
  });

  it('explains every bad row and imports nothing', () => {
    const { db } = importExamples();
    const text = [
      'raised_by,raised_with,issue,raised,stage,outcome,actions',
      'Board of Governors,,Something,01/04/2025,,,',
      'Executive,Nobody Agency,Something else,01/04/2025,,,',
      'Executive,,A third thing,31/02/2025,4,,',
      'Executive,,A fourth thing,01/04/2025,,fixed,A-99; B7',
      'Executive,,A-3 again,01/04/2025,,,A-4',
      'Executive,,A fifth thing,01/04/2025,,,A-99',
    ].join('\n');
    const result = importText(db, 'challenges', text);
    expect(result.db).toBe(db);
    expect(result.error).toMatchInlineSnapshot(`
      "challenges.csv:2: column "raised_by": "Board of Governors" is not the Executive, a scrutineer or a subgroup; import subgroups with \`ptrack import subgroups\` first
      challenges.csv:3: column "raised_with": unknown agency "Nobody Agency"; add it to the agencies first, or import with --create-agencies
      challenges.csv:4: column "raised": "31/02/2025" is not a day in the calendar
      challenges.csv:4: column "stage": "4" is not a whole number from 1 to 3
      challenges.csv:5: column "outcome": "fixed" is not one of resolved, partly-resolved, not-resolved, withdrawn
      challenges.csv:5: column "actions": "B7" is not an action reference like A-17
      challenges.csv:6: column "actions": A-4 came from LCSPR Child A, recommendation 3 (review-recommendation); an action answers one source
      challenges.csv:7: column "actions": unknown action A-99; import it with \`ptrack import actions\` first"
    `);
  });

  it('refuses an outcome with no closing day, against its row', () => {
    const { db } = importExamples();
    const result = importText(db, 'challenges', 'raised_by,issue,raised,outcome\nExecutive,Something,01/04/2025,resolved\n');
    expect(result.error).toBe('challenges.csv:2: Challenge something: a closed challenge has an outcome and the day it closed; an open one has neither.');
  });

  it('exports the log with the actions taken on each', () => {
    const { db } = importExamples();
    const report = challengesReport(db, { period: year('2025/26') });
    expect(report.tables[0]!.rows.map((row) => [row.raisedBy, row.to, row.stage, row.outcome, row.actions])).toEqual([
      ['Executive', 'Croydon Council: Housing', 2, 'Resolved', null],
      ['Executive', "Metropolitan Police; Croydon Council: Children's Social Care", 2, 'Open', 'A-3 (40% at-risk)'],
      ['Quality Assurance Group', 'The partnership', 1, 'Resolved', null],
      ['Independent Scrutineer', 'NHS Southwest London Integrated Care Board', 3, 'Open', null],
    ]);
  });
});
