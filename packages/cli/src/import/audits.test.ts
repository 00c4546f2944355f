import { auditProgress, auditsReport, programmeSummary, unwrap, parsePeriod } from '@partnership-tracker/core';
import { describe, expect, it } from 'vitest';
import { importExamples, importText } from '../__fixtures__/examples.js';

/** The example files with item 1 of the domestic abuse audit answered by action Q-1. */
function withAction() {
  const { db } = importExamples();
  const text = [
    'audit,number,item,action_ref,plan,action_title,owner,lead_agency,due',
    'JTAI preparation: domestic abuse,1,Standardised domestic abuse training to be developed.,Q-1,Business plan 2025–27,Develop standardised domestic abuse training,qa.lead@example.org,Croydon Council: Quality Assurance,30/06/2026',
  ].join('\n');
  const result = importText(db, 'audit-actions', text);
  expect(result.error).toBe('');
  expect(result.changes).toBe('added 1 action');
  return result.db;
}

describe('importing the audit programme (issue 14)', () => {
  it('records the standing question, the target and each audit by title and month, with its answers', () => {
    const { db } = importExamples();
    expect(db.partnership.auditProgramme).toEqual({
      standingQuestions: [{ id: 'neurodivergence', question: expect.stringContaining('neurodivergent'), askedFrom: '2024-09-27', retiredOn: null }],
      targets: [{ types: ['multi-agency', 'jtai-preparation'], perYear: 3 }],
    });
    expect(db.audits.map((a) => [a.id, a.type, a.plannedMonth, a.agencyIds.length, a.signedOffOn, a.cancelledReason])).toEqual([
      ['jtai-preparation-domestic-abuse', 'jtai-preparation', '2025-12', 4, '2026-01-22', null],
      ['professional-attendance-at-child-protection-conferences', 'multi-agency', '2026-03', 3, null, null],
      ['section-11-audit', 'section-11', '2026-02', 0, null, 'Moved to 2026/27 to follow the new PHEW template.'],
    ]);
    expect(db.audits[0]!.standingAnswers).toEqual([{ questionId: 'neurodivergence', answer: 'recorded for 7 of 10 children; two awaiting assessment' }]);
    expect(db.audits[0]!.areasForDevelopment).toEqual(['Training and competency of professionals is variable.', 'Housing services absent from panels.']);
    const summary = programmeSummary(db, unwrap(parsePeriod('2025/26')));
    expect(summary).toMatchObject({ planned: 3, completed: 1, cancelled: 1 });
  });

  it('turns an action-plan item into an ordinary action linked to the audit, records one done and one handed over', () => {
    const db = withAction();
    expect(db.actions.find((a) => a.ref === 'Q-1')).toMatchObject({ ownerId: 'qa-lead-at-example-org', source: { kind: 'audit', recordId: 'jtai-preparation-domestic-abuse', item: 1 } });
    const progress = auditProgress(db, db.audits[0]!);
    expect(progress.items.map((i) => [i.item.number, i.state, i.actions.map((a) => a.ref)])).toEqual([
      [1, 'open', ['Q-1']],
      [2, 'completed', []],
      [3, 'handed-over', []],
    ]);
  });

  it('keeps the link when the actions file is imported again without it', () => {
    const db = withAction();
    const again = importText(db, 'actions', 'ref,plan,title,due,source\nQ-1,Business plan 2025–27,Develop standardised domestic abuse training,30/06/2026,audit\n');
    expect(again.error).toBe('');
    expect(again.db.actions.find((a) => a.ref === 'Q-1')!.source).toMatchObject({ recordId: 'jtai-preparation-domestic-abuse', item: 1 });
  });

  it('explains every bad row and imports nothing', () => {
    const { db } = importExamples();
    const text = [
      'title,type,month,agencies,cases,signed_off,answers',
      'Neglect,multi-agency,Smarch 2025,,,,',
      'Neglect,inspection,2025-06,,,,',
      'Neglect,multi-agency,2025-06,Nobody Agency,,,',
      'Neglect,multi-agency,2025-07,,many,,',
      'Neglect,multi-agency,2025-08,,,,ethnicity: recorded',
      'Neglect,multi-agency,2025-09,,,,no colon here',
    ].join('\n');
    const result = importText(db, 'audits', text);
    expect(result.db).toBe(db);
    expect(result.error).toMatchInlineSnapshot(`
      "audits.csv:2: column "month": "Smarch 2025" is not a month like 2024-11 or Nov 2024
      audits.csv:3: column "type": "inspection" is not one of multi-agency, single-agency, dip-sample, jtai-preparation, section-11
      audits.csv:4: column "agencies": unknown agency "Nobody Agency"; add it to the agencies first, or import with --create-agencies
      audits.csv:5: column "cases": "many" is not a whole number from 0 to 100000
      audits.csv:6: column "answers": "ethnicity" is not one of the standing questions; import it with \`ptrack import audit-questions\` first
      audits.csv:7: column "answers": "no colon here" is not an answer like "neurodivergence: recorded for 6 of 8 children""
    `);
  });

  it('refuses to sign off an audit that has not answered the standing question, against its row', () => {
    const { db } = importExamples();
    const result = importText(db, 'audits', 'title,type,month,moderated,signed_off\nNeglect,multi-agency,2026-01,15/01/2026,22/01/2026\n');
    expect(result.error).toContain('audits.csv:2: Audit "Neglect": answer the standing question');
  });

  it('reports items for an unknown audit, and an action for one handed over', () => {
    const { db } = importExamples();
    const text = [
      'audit,number,item,handed_to,action_ref,plan,due',
      'Neglect,1,Do it,,,,',
      'JTAI preparation: domestic abuse,3,Share it,Another Board,Q-9,Business plan 2025–27,30/09/2026',
    ].join('\n');
    expect(importText(db, 'audit-actions', text).error).toMatchInlineSnapshot(`
      "audit-actions.csv:2: column "audit": unknown audit "Neglect"; import it with \`ptrack import audits\` first
      audit-actions.csv:3: column "action_ref": the item was handed to Another Board, so no action of ours answers it"
    `);
  });

  it('exports the programme with its planned-against-completed table for a year', () => {
    const { db } = importExamples();
    const report = auditsReport(db, { period: unwrap(parsePeriod('2025/26')), today: '2026-04-01' });
    expect(report.notes).toEqual(['2025/26: 3 audits planned, 1 completed, 1 cancelled; target of 3 multi-agency audits or JTAI preparation audits a year not met (1 completed).']);
  });
});
