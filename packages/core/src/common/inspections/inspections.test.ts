import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { unwrap } from '../base/result.js';
import { examplePartnership } from '../example/index.js';
import { applyCommands } from '../store/applyCommands.js';
import type { CommandInput } from '../store/commands.js';
import type { Database } from '../store/database.js';
import { actors, by, sampleDatabase } from '../store/__fixtures__/sampleDatabase.js';
import { Inspection } from './inspection.js';
import { inspectionProgress, inspectionsReport, statementDeadline, statementTimeliness } from './inspectionTables.js';

const focusedVisit: z.input<typeof Inspection> = {
  id: 'focused-visit-2025',
  title: 'Focused visit: children in need and subject to a plan',
  type: 'focused-visit',
  inspectorates: ['ofsted'],
  onSiteFrom: '2025-05-13',
  onSiteTo: '2025-05-14',
  letterOn: '2025-06-10',
  statementRequired: true,
  strengths: [{ theme: 'Leadership', text: 'Leaders know their services well.' }],
  areas: [
    { number: 1, theme: 'Planning', text: 'Plans are not specific enough about what must change.', leadAgencyIds: ['council'] },
    { number: 2, theme: 'Information sharing', text: 'Police are not always at strategy discussions.', leadAgencyIds: ['police'] },
  ],
};

const inspection = (fields: Partial<z.input<typeof Inspection>> = {}) => Inspection.parse({ ...focusedVisit, ...fields });

describe("a written statement of action's deadline, in England's working days from the letter", () => {
  it.each([
    // The JTAI letter of 29 June 2016 asked for the statement within 70 working days: 6 October 2016.
    ['2016-06-29', 70, '2016-10-06'],
    // Over Christmas and New Year 2026/27: the 25th, the 28th (Boxing Day's substitute) and 1 January are not counted.
    ['2026-12-21', 10, '2027-01-07'],
    // Over Easter 2026: Good Friday and Easter Monday are not counted.
    ['2026-04-01', 3, '2026-04-08'],
  ])('a letter of %s with %i working days is due %s', (letterOn, statementWorkingDays, due) => {
    expect(statementDeadline(inspection({ letterOn, statementWorkingDays }))).toBe(due);
  });

  it('owes nothing when no statement is required, and has no deadline before the letter', () => {
    expect(statementDeadline(inspection({ statementRequired: false }))).toBeNull();
    expect(statementTimeliness(inspection({ statementRequired: false }), '2025-07-01').state).toBe('not-required');
    expect(statementTimeliness(inspection({ letterOn: null }), '2025-07-01')).toEqual({ state: 'awaiting-letter', due: null, workingDaysLate: 0 });
  });

  it.each([
    // Letter 10 June 2025 + 70 working days (the summer bank holiday, 25 August, not counted) = 17 September 2025.
    [null, '2025-09-17', { state: 'due', due: '2025-09-17', workingDaysLate: 0 }],
    [null, '2025-09-22', { state: 'overdue', due: '2025-09-17', workingDaysLate: 3 }],
    ['2025-09-17', '2025-12-01', { state: 'submitted-on-time', due: '2025-09-17', workingDaysLate: 0 }],
    ['2025-09-19', '2025-12-01', { state: 'submitted-late', due: '2025-09-17', workingDaysLate: 2 }],
  ])('submitted %s, as at %s: %j', (statementSubmittedOn, today, expected) => {
    expect(statementTimeliness(inspection({ statementSubmittedOn }), today)).toEqual(expected);
  });
});

/** The sample partnership with an Executive (Chloe chairs, Dev deputises) that holds the inspections register. */
function withExecutive(): Database {
  return unwrap(
    applyCommands(
      sampleDatabase(),
      [{ type: 'subgroup.upsert', subgroup: { id: 'executive', name: 'Executive', shortName: 'Executive', kind: 'executive', chairId: 'chloe-chair', deputyChairId: 'dev-deputy', maintains: ['inspections'] } }],
      by(actors.cli),
    ),
  ).db;
}

const upsert = (fields: Partial<z.input<typeof Inspection>> = {}): CommandInput => ({ type: 'inspection.upsert', inspection: { ...focusedVisit, ...fields } });

const areaAction = (ref: string, item: number | undefined, due = '2025-12-31', leadAgencyId = 'council'): CommandInput => ({
  type: 'action.create',
  action: {
    ref,
    planId: 'plan-2025-27',
    title: 'Make plans specific',
    ownerId: 'olu-owner',
    leadAgencyId,
    due,
    source: { kind: 'inspection', reference: 'Focused visit 2025', recordId: 'focused-visit-2025', ...(item === undefined ? {} : { item }) },
  },
});

const errorOf = (outcome: ReturnType<typeof applyCommands>) => (outcome.success ? null : outcome.error);

describe('the inspections register', () => {
  it('is kept by the chair and deputy of the group that holds it and the business team, audited like any change', () => {
    const outcome = unwrap(applyCommands(withExecutive(), [upsert()], by(actors.deputy)));
    expect(outcome.audit.map((e) => [e.by, e.command, e.entity, e.entityId])).toEqual([['dev-deputy', 'inspection.upsert', 'inspection', 'focused-visit-2025']]);
    expect(outcome.changes.map((c) => [c.target, c.key])).toEqual([['inspections', 'focused-visit-2025']]);
    expect(applyCommands(withExecutive(), [upsert()], by(actors.businessTeam)).success).toBe(true);
    expect(errorOf(applyCommands(withExecutive(), [upsert()], by(actors.owner)))).toMatchObject({
      code: 'register.not_maintainer',
      message: 'Only the chair or deputy chair of Executive (or the business team) can change the inspections register.',
    });
  });

  it.each([
    [{ letterOn: '2025-05-13' }, 'inspection.dates'],
    [{ statementSubmittedOn: '2025-06-01' }, 'inspection.dates'],
    [{ statementRequired: false, statementSubmittedOn: '2025-07-01' }, 'inspection.no_statement'],
    [{ areas: [{ number: 1, theme: 'x', text: 'a' }, { number: 1, theme: 'y', text: 'b' }] }, 'inspection.duplicate_area'],
    [{ areas: [{ number: 1, theme: 'x', text: 'a', leadAgencyIds: ['nobody'] }] }, 'inspection.unknown_agency'],
    [{ strengths: [{ theme: 'x', text: 'Child (DOB 03/07/2019) was seen.' }] }, 'inspection.personal_data'],
  ])('refuses %j (%s)', (fields, code) => {
    expect(errorOf(applyCommands(withExecutive(), [upsert(fields)], by(actors.chair)))?.code).toBe(code);
  });

  it('turns each area into ordinary actions with their lead agencies, and reports progress against the statement with what is overdue', () => {
    const db = unwrap(applyCommands(withExecutive(), [upsert(), areaAction('F-1', 1, '2025-09-30'), areaAction('F-2', 1, '2026-03-31'), areaAction('F-3', 2, '2025-10-31', 'police')], by(actors.chair))).db;
    const done = unwrap(applyCommands(db, [{ type: 'action.update', ref: 'F-3', status: 'complete', progress: 100 }], by(actors.owner))).db;
    const progress = inspectionProgress(done, done.inspections[0]!, '2025-11-03');
    expect(progress.areas.map((a) => [a.area.number, a.state, a.actions.map((x) => `${x.ref} ${x.leadAgencyIds.join('+')}`), a.overdue])).toEqual([
      [1, 'open', ['F-1 council', 'F-2 council'], ['F-1']],
      [2, 'completed', ['F-3 police'], []],
    ]);
    expect(progress).toMatchObject({ areasCompleted: 1, actions: 3, actionsCompleted: 1, actionsOverdue: 1 });
    const report = inspectionsReport(done, { today: '2025-11-03' });
    expect(report.tables[0]!.rows[0]).toMatchObject({ statementDue: '2025-09-17', statement: 'Overdue (33 working days)', areas: '1 of 2 completed', overdue: 1 });
    expect(report.tables[2]!.rows[0]).toMatchObject({ number: 1, state: 'Open', overdue: 'F-1', leadAgencies: 'Croydon Council' });
  });

  it.each([
    [areaAction('F-1', 9), 'action.unknown_source'],
    [areaAction('F-1', undefined), 'action.bad_source'],
  ])('refuses an action linked to no area of the inspection (%#)', (command, code) => {
    expect(errorOf(applyCommands(withExecutive(), [upsert(), command], by(actors.chair)))?.code).toBe(code);
  });

  it('refuses to take an area away while an action answers it', () => {
    const db = unwrap(applyCommands(withExecutive(), [upsert(), areaAction('F-1', 2)], by(actors.chair))).db;
    expect(errorOf(applyCommands(db, [upsert({ areas: focusedVisit.areas!.slice(0, 1) })], by(actors.chair)))?.code).toBe('inspection.area_in_use');
  });
});

describe("the example's earlier inspection", () => {
  const db = examplePartnership();
  const jtai = db.inspections[0]!;

  it('is the 2016 JTAI, whose written statement of action was due 70 working days after its letter, on 6 October 2016, and sent that day', () => {
    expect(db.inspections).toHaveLength(1);
    expect([jtai.type, jtai.letterOn, statementDeadline(jtai)]).toEqual(['jtai', '2016-06-29', '2016-10-06']);
    expect(statementTimeliness(jtai, '2026-11-16').state).toBe('submitted-on-time');
  });

  it('answered every area with actions led by the agencies named for it, all completed', () => {
    const progress = inspectionProgress(db, jtai, '2026-11-16');
    expect(progress.areas.map((a) => [a.area.theme, a.state, a.actions.map((x) => `${x.ref} ${x.leadAgencyIds.join('+')}`)])).toEqual([
      ['Children who go missing', 'completed', ['W-1 croydon-council-childrens-social-care']],
      ['Information sharing', 'completed', ['W-2 croydon-health-service-nhs', 'W-3 nhs-south-west-london-icb']],
      ['Children missing education', 'completed', ['W-4 croydon-council-education']],
      ['Recording risk', 'completed', ['W-5 metropolitan-police']],
    ]);
    for (const area of progress.areas) for (const action of area.actions) for (const agency of action.leadAgencyIds) expect(area.area.leadAgencyIds).toContain(agency);
  });
});
