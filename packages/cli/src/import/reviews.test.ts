import { reviewProgress, reviewsReport, timelinessOf } from '@partnership-tracker/core';
import { describe, expect, it } from 'vitest';
import { importExamples, importText } from '../__fixtures__/examples.js';

/** The example files with recommendation 1 of Child K's LCSPR answered by action R-1. */
function withAction() {
  const { db } = importExamples();
  const text = [
    'review,number,recommendation,action_ref,plan,action_title,owner,lead_agency,due',
    "Child K LCSPR,1,Ask about fathers and significant others at every contact.,R-1,Business plan 2025–27,Add fathers' details to the Family Hub contact form,qa.lead@example.org,Croydon Council: Quality Assurance,30/09/2025",
  ].join('\n');
  const result = importText(db, 'recommendations', text);
  expect(result.error).toBe('');
  expect(result.changes).toBe('added 1 action');
  return result.db;
}

describe('importing the reviews register (issue 14)', () => {
  it('records each review by codename, with its holds, themes and age band', () => {
    const { db } = importExamples();
    expect(db.reviews.map((r) => [r.id, r.type, r.ageBand])).toEqual([
      ['child-k', 'rapid-review', 'babies-and-toddlers'],
      ['child-k-lcspr', 'lcspr', 'babies-and-toddlers'],
      ['child-t', 'case-of-concern', 'adolescents'],
      ['learning-from-child-k', 'learning-briefing', null],
    ]);
    const lcspr = db.reviews[1]!;
    expect(lcspr.holds).toEqual([{ kind: 'criminal', from: '2025-09-01', to: '2025-09-30' }]);
    expect(lcspr.themes).toEqual(['Information sharing', 'Fathers']);
    // Decided 28 April 2025: due 28 October, moved on 30 days by the trial.
    expect(timelinessOf(db, lcspr, '2025-11-01')).toMatchObject({ state: 'in-time', due: '2025-11-27' });
  });

  it('turns a recommendation into an ordinary action linked back to the review, and records one handed to another board', () => {
    const db = withAction();
    const action = db.actions.find((a) => a.ref === 'R-1')!;
    expect(action).toMatchObject({ ownerId: 'qa-lead-at-example-org', due: '2025-09-30', source: { kind: 'review-recommendation', recordId: 'child-k-lcspr', item: 1 } });
    const progress = reviewProgress(db, db.reviews.find((r) => r.id === 'child-k-lcspr')!);
    expect(progress.recommendations.map((r) => [r.recommendation.number, r.state, r.recommendation.handedTo])).toEqual([
      [1, 'open', null],
      [2, 'handed-over', 'Croydon Safeguarding Adults Board'],
    ]);
  });

  it('keeps the link when the actions file is imported again without it', () => {
    const db = withAction();
    const text = 'ref,plan,title,due,source\nR-1,Business plan 2025–27,Add fathers\' details to the Family Hub contact form,30/09/2025,review-recommendation\n';
    const again = importText(db, 'actions', text);
    expect(again.error).toBe('');
    expect(again.db.actions.find((a) => a.ref === 'R-1')!.source).toMatchObject({ recordId: 'child-k-lcspr', item: 1 });
  });

  it('explains every bad row and imports nothing', () => {
    const { db } = importExamples();
    const text = [
      'codename,type,notified,holds,age_band',
      'Child Q,rapid review,31/02/2025,,',
      'Child R,review,01/03/2025,,',
      'Child S,lcspr,01/03/2025,criminal 2025-05-01 to 2025-04-01,',
      'Child U,case of concern,01/03/2025,,teenagers',
      'Child Q,case-of-concern,01/03/2025,,',
    ].join('\n');
    const result = importText(db, 'reviews', text);
    expect(result.db).toBe(db);
    expect(result.error).toMatchInlineSnapshot(`
      "reviews.csv:2: column "notified": "31/02/2025" is not a day in the calendar
      reviews.csv:3: column "type": "review" is not one of rapid-review, lcspr, case-of-concern, thematic-review, learning-briefing
      reviews.csv:4: column "holds": "criminal 2025-05-01 to 2025-04-01" ends before it begins
      reviews.csv:5: column "age_band": "teenagers" is not one of babies-and-toddlers, children, adolescents"
    `);
  });

  it('refuses a codename holding a date of birth, against its row', () => {
    const { db } = importExamples();
    const result = importText(db, 'reviews', 'codename,type\nChild K 03/07/2019,case-of-concern\n');
    expect(result.error).toContain('reviews.csv:2: The codename "Child K 03/07/2019" holds a full date, which could be a date of birth.');
  });

  it('reports recommendations for an unknown review, and an action for one handed over', () => {
    const { db } = importExamples();
    const text = [
      'review,number,recommendation,handed_to,action_ref,plan,due',
      'Child Z,1,Do it,,,,',
      'Child K LCSPR,3,Share it,Another Board,R-9,Business plan 2025–27,30/09/2025',
    ].join('\n');
    expect(importText(db, 'recommendations', text).error).toMatchInlineSnapshot(`
      "recommendations.csv:2: column "review": unknown review "Child Z"; import it with \`ptrack import reviews\` first
      recommendations.csv:3: column "action_ref": the recommendation was handed to Another Board, so no action of ours answers it"
    `);
  });

  it('exports the register with its recommendations', () => {
    const { db } = importExamples();
    const report = reviewsReport(db, { today: '2025-11-01' });
    expect(report.tables[0]!.rows.map((row) => [row.codename, row.timeliness, row.recommendations])).toEqual([
      ['Child K', 'On time', 'None'],
      ['Child K LCSPR', 'Within timescale', '1 of 2 completed'],
      ['Child T', '—', 'None'],
      ['Learning from Child K', '—', 'None'],
    ]);
  });
});
