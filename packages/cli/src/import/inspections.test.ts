import { inspectionProgress, inspectionsReport, statementTimeliness } from '@partnership-tracker/core';
import { describe, expect, it } from 'vitest';
import { importExamples, importText } from '../__fixtures__/examples.js';

/** The example files with area 1 of the JTAI answered by action W-1, led by the area's first agency. */
function withAction() {
  const { db } = importExamples();
  const text = [
    'inspection,finding,number,theme,text,action_ref,plan,action_title,owner,due',
    'JTAI: children living with domestic abuse,area,1,The front door,Referrals about domestic abuse do not always say what the child has experienced.,W-1,Business plan 2025–27,Add the child\'s experience to the referral form,police.lead@example.org,31/03/2026',
  ].join('\n');
  const result = importText(db, 'inspection-findings', text);
  expect(result.error).toBe('');
  expect(result.changes).toBe('added 1 action');
  return result.db;
}

describe('importing the inspections register (issue 14)', () => {
  it('records each inspection with its written statement of action due 70 working days after the letter', () => {
    const { db } = importExamples();
    expect(db.inspections.map((i) => [i.id, i.type, i.inspectorates, i.statementRequired])).toEqual([
      ['jtai-children-living-with-domestic-abuse-2025', 'jtai', ['ofsted', 'cqc', 'hmicfrs', 'hmi-probation'], true],
      ['focused-visit-children-in-care-2025', 'focused-visit', ['ofsted'], false],
    ]);
    // Letter 1 July 2025 + 70 working days, the summer bank holiday (25 August) not counted: 8 October 2025.
    expect(statementTimeliness(db.inspections[0]!, '2025-10-09')).toEqual({ state: 'overdue', due: '2025-10-08', workingDaysLate: 1 });
    expect(db.inspections[0]!.strengths).toEqual([{ theme: 'Leadership', text: 'Leaders know the impact of domestic abuse on children in the area.' }]);
    expect(db.inspections[0]!.areas.map((a) => [a.number, a.theme, a.leadAgencyIds.length])).toEqual([
      [1, 'The front door', 2],
      [2, 'Health', 1],
    ]);
  });

  it("turns an area into an ordinary action linked to the inspection, led by the area's agency unless the row names one", () => {
    const db = withAction();
    const action = db.actions.find((a) => a.ref === 'W-1')!;
    expect(action).toMatchObject({ ownerId: 'police-lead-at-example-org', source: { kind: 'inspection', recordId: 'jtai-children-living-with-domestic-abuse-2025', item: 1 } });
    expect(action.leadAgencyIds).toEqual(db.inspections[0]!.areas[0]!.leadAgencyIds);
    const progress = inspectionProgress(db, db.inspections[0]!, '2026-04-01');
    expect(progress.areas.map((a) => [a.area.number, a.state, a.overdue])).toEqual([
      [1, 'open', ['W-1']],
      [2, 'no-action', []],
    ]);
    // 8 October 2025 to 1 April 2026: 25 weeks of weekdays less Christmas, Boxing Day and New Year's Day.
    expect(inspectionsReport(db, { today: '2026-04-01' }).tables[0]!.rows[0]).toMatchObject({ statement: 'Overdue (122 working days)', overdue: 1 });
  });

  it('explains every bad row and imports nothing', () => {
    const { db } = importExamples();
    const text = [
      'title,type,inspectorates,on_site_from,on_site_to,statement_required',
      'A,jtai,Ofsted,31/02/2025,,',
      'B,inspection,Ofsted,01/03/2025,,',
      'C,ilacs,Ofsted; Estyn,01/03/2025,,',
      'D,ilacs,Ofsted,10/03/2025,03/03/2025,',
      'E,ilacs,Ofsted,10/03/2025,,maybe',
    ].join('\n');
    const result = importText(db, 'inspections', text);
    expect(result.db).toBe(db);
    expect(result.error).toMatchInlineSnapshot(`
      "inspections.csv:2: column "on_site_from": "31/02/2025" is not a day in the calendar
      inspections.csv:3: column "type": "inspection" is not one of jtai, ilacs, focused-visit, area-send
      inspections.csv:4: column "inspectorates": "Estyn" is not one of ofsted, cqc, hmicfrs, hmi-probation
      inspections.csv:5: column "on_site_to": 2025-03-03 is before the first day on site (2025-03-10)
      inspections.csv:6: column "statement_required": "maybe" is not yes or no"
    `);
  });

  it('reports findings of an unknown inspection, an area without its number and a strength with an action', () => {
    const { db } = importExamples();
    const text = [
      'inspection,finding,number,theme,text,action_ref,plan,due',
      'Nothing,area,1,x,y,,,',
      'Focused visit: children in care,area,,Plans,Plans are vague.,,,',
      'Focused visit: children in care,strength,,Voice,Children are heard.,W-9,Business plan 2025–27,31/03/2026',
    ].join('\n');
    expect(importText(db, 'inspection-findings', text).error).toMatchInlineSnapshot(`
      "inspection-findings.csv:2: column "inspection": unknown inspection "Nothing"; import it with \`ptrack import inspections\` first
      inspection-findings.csv:3: column "number": is blank; an area for improvement needs its number
      inspection-findings.csv:4: column "finding": a strength has no number, lead agencies or action; write "area" for an area for improvement"
    `);
  });
});
