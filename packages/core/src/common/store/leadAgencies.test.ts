import { describe, expect, it } from 'vitest';
import { parsePeriod } from '../base/dates.js';
import { unwrap } from '../base/result.js';
import { engagementTable } from '../engagement/engagement.js';
import { examplePartnership, EXAMPLE_IDS } from '../example/index.js';
import { overdueAlertSubgroup } from '../reminders/reminderRules.js';
import { reminderDatabase } from '../reminders/__fixtures__/reminderDatabase.js';
import { actionsReport } from '../reporting/tables/actions.js';
import { deliveryPercent } from '../plan/delivery.js';
import { applyCommands } from './applyCommands.js';
import { CURRENT_SCHEMA_VERSION, Database } from './database.js';
import { migrate } from './migrations.js';
import { actors, by, sampleDatabase } from './__fixtures__/sampleDatabase.js';

const create = (leadAgencies: Record<string, unknown>) => ({
  type: 'action.create' as const,
  action: { ref: 'X-1', planId: 'plan-2025-27', title: 'Joint protocol for children missing from education', due: '2025-12-31', ...leadAgencies },
});

describe('several lead agencies per action (issue 14)', () => {
  it('records an action led by the partnership and individual agencies, principal agency first', () => {
    const outcome = unwrap(applyCommands(sampleDatabase(), [create({ leadAgencyIds: ['police', 'council'] })], by(actors.cli)));
    expect(outcome.db.actions.find((a) => a.ref === 'X-1')!.leadAgencyIds).toEqual(['police', 'council']);
    const again = unwrap(applyCommands(outcome.db, [create({ leadAgencyIds: ['police', 'council'] })], by(actors.cli)));
    expect(again.audit).toEqual([]);
    const reordered = unwrap(applyCommands(outcome.db, [create({ leadAgencyIds: ['council', 'police'] })], by(actors.cli)));
    expect(reordered.audit.map((e) => [e.command, e.before, e.after])).toEqual([['action.create', { leadAgencyIds: ['police', 'council'] }, { leadAgencyIds: ['council', 'police'] }]]);
  });

  it('reads a command naming one lead agency, as commands were written before, as the only one', () => {
    const outcome = unwrap(applyCommands(sampleDatabase(), [create({ leadAgencyId: 'council' })], by(actors.cli)));
    expect(outcome.db.actions.find((a) => a.ref === 'X-1')!.leadAgencyIds).toEqual(['council']);
  });

  it('refuses an agency not in the register, or one named twice, and writes nothing', () => {
    const unknown = applyCommands(sampleDatabase(), [create({ leadAgencyIds: ['council', 'schools'] })], by(actors.cli));
    expect(unknown.success ? null : unknown.error).toMatchObject({ code: 'action.unknown_agency', message: 'X-1: lead agency "schools" is not in the register.' });
    const twice = applyCommands(sampleDatabase(), [create({ leadAgencyIds: ['council', 'council'] })], by(actors.cli));
    expect(twice.success ? null : twice.error.code).toBe('command.invalid');
  });

  it("tells the chair of the one subgroup the lead agencies sit on of an overdue action, else the Executive's", () => {
    const db = reminderDatabase();
    const action = (leadAgencyIds: string[]) => ({ ...db.actions[0]!, leadAgencyIds });
    expect(overdueAlertSubgroup(db, action(['schools']), '2026-07-14')?.id).toBe('qag');
    expect(overdueAlertSubgroup(db, action(['vcs']), '2026-07-14')?.id).toBe('learning');
    // Schools sit on the QAG and the voluntary sector on Learning and Development: no one subgroup owns it.
    expect(overdueAlertSubgroup(db, action(['schools', 'vcs']), '2026-07-14')?.id).toBe('executive');
    expect(overdueAlertSubgroup(db, action([]), '2026-07-14')?.id).toBe('executive');
  });
});

describe("the example's A-20, led by Children's Social Care with the police and the ICB", () => {
  const db = examplePartnership();
  const year = unwrap(parsePeriod('2024/25'));

  it('exports every lead agency of an action', () => {
    const report = actionsReport(db, { today: '2025-03-31' });
    expect(report.tables[0]!.rows.find((r) => r.ref === 'A-20')!.leadAgency).toBe("Croydon Council: Children's Social Care; Metropolitan Police; NHS Southwest London Integrated Care Board");
    expect(db.actions.find((a) => a.ref === 'A-20')!.leadAgencyIds).toEqual([EXAMPLE_IDS.agencies.childrensSocialCare, EXAMPLE_IDS.agencies.police, EXAMPLE_IDS.agencies.icb]);
  });

  it("leaves 2024/25's delivery and engagement as published when the actions name one lead agency each, as files before did", () => {
    const plan2024 = (d: Database) => d.actions.filter((a) => a.planId === EXAMPLE_IDS.plans.year2024);
    const yearEnd = '2025-03-31T23:00:00.000Z';
    // The example as a version 10 file held it: one `leadAgencyId` per action, A-20's the first of its three.
    const older = JSON.parse(JSON.stringify(db)) as Record<string, unknown> & { actions: Array<Record<string, unknown>> };
    older.version = 10;
    older.actions = older.actions.map(({ leadAgencyIds, ...action }) => ({ ...action, leadAgencyId: (leadAgencyIds as string[])[0] ?? null }));
    const migrated = Database.parse(unwrap(migrate(older)).data);
    expect(migrated.version).toBe(CURRENT_SCHEMA_VERSION);
    expect(migrated.actions.find((a) => a.ref === 'A-20')!.leadAgencyIds).toEqual([EXAMPLE_IDS.agencies.childrensSocialCare]);
    for (const data of [db, migrated]) {
      expect(deliveryPercent(plan2024(data), yearEnd)).toEqual({ completed: 43, counted: 50, percent: 86 });
      expect(engagementTable(data, { period: year })).toEqual(engagementTable(db, { period: year }));
    }
  });
});
