import { describe, expect, it } from 'vitest';
import { examplePartnership, EXAMPLE_IDS } from '../example/index.js';
import { parsePeriod } from '../base/dates.js';
import { unwrap } from '../base/result.js';
import { exportReport } from '../reporting/exports.js';
import { applyCommands } from '../store/applyCommands.js';
import { carriedOverActions, commitmentLines } from './commitments.js';

const db = examplePartnership();
const plan2024 = db.plans.find((p) => p.id === EXAMPLE_IDS.plans.year2024)!;
const admin = { actor: { kind: 'system', name: 'test' } as const, at: '2026-11-20T09:00:00Z' };

describe('carriedOverActions', () => {
  it("lists the example's seven unfinished 2024/25 actions with the 2025–27 actions that carry them, from the links", () => {
    const carried = carriedOverActions(db, EXAMPLE_IDS.plans.year2024);
    expect(carried.map((c) => [c.original.ref, c.successor.ref, c.successorPlan?.name])).toEqual([
      ['A-2', 'B-1', 'CSCP Business Plan 2025–27'],
      ['A-20', 'B-2', 'CSCP Business Plan 2025–27'],
      ['A-25', 'B-3', 'CSCP Business Plan 2025–27'],
      ['A-27', 'B-4', 'CSCP Business Plan 2025–27'],
      ['A-37', 'B-5', 'CSCP Business Plan 2025–27'],
      ['A-38', 'B-6', 'CSCP Business Plan 2025–27'],
      ['A-45', 'B-7', 'CSCP Business Plan 2025–27'],
    ]);
  });

  it('lists nothing for a plan none of whose actions was carried over', () => {
    expect(carriedOverActions(db, EXAMPLE_IDS.plans.years2025to2027)).toEqual([]);
  });
});

describe("a plan's commitments", () => {
  it('link to a priority of the plan and to actions, which the report resolves', () => {
    const commitments = plan2024.commitments.map((c, index) => (index === 0 ? { ...c, priorityId: 'early-intervention', actionRefs: ['A-2', 'A-3'] } : c));
    const after = unwrap(applyCommands(db, [{ type: 'plan.upsert', plan: { ...plan2024, commitments } }], admin)).db;
    const [first] = commitmentLines(after, after.plans.find((p) => p.id === plan2024.id)!);
    expect(first).toMatchObject({ priority: 'Early intervention', commitment: { said: 'Strengthen MASH Practice and coordination' } });
    expect(first!.actions.map((a) => a.ref)).toEqual(['A-2', 'A-3']);
  });

  it('refuses a link to an action that does not exist, naming the commitment, and changes nothing', () => {
    const commitments = plan2024.commitments.map((c, index) => (index === 1 ? { ...c, actionRefs: ['A-999'] } : c));
    const refused = applyCommands(db, [{ type: 'plan.upsert', plan: { ...plan2024, commitments } }], admin);
    expect(refused).toMatchObject({
      success: false,
      error: { code: 'plan.unknown_action', message: 'CSCP Business Plan 2024/25, commitment "Deliver a high-impact Annual Conference": there is no action A-999.' },
    });
  });

  it("refuses a priority that is not the plan's", () => {
    const commitments = plan2024.commitments.map((c, index) => (index === 0 ? { ...c, priorityId: 'online-harm' } : c));
    const refused = applyCommands(db, [{ type: 'plan.upsert', plan: { ...plan2024, commitments } }], admin);
    expect(refused).toMatchObject({ success: false, error: { code: 'plan.unknown_priority' } });
  });
});

describe('export commitments', () => {
  it("is the 2024/25 plan's nine rows of what we said and what we delivered for 2024/25", () => {
    const report = unwrap(exportReport(db, 'commitments', { period: unwrap(parsePeriod('2024/25')), today: '2026-11-20' }));
    const [table] = report.tables;
    expect(report.title).toBe('What we said / what we delivered 2024/25');
    expect(table!.columns.map((c) => c.header)).toEqual(['Plan', 'Priority', 'What we said', 'What we delivered', 'Actions']);
    expect(table!.rows).toHaveLength(9);
    expect(table!.rows[1]).toMatchObject({ plan: 'CSCP Business Plan 2024/25', said: 'Deliver a high-impact Annual Conference', delivered: expect.stringMatching(/^The CSCP Annual Conference took place on 19 November 2024/) });
  });

  it('covers every plan without a year', () => {
    const report = unwrap(exportReport(db, 'commitments', { today: '2026-11-20' }));
    expect(new Set(report.tables[0]!.rows.map((r) => r.plan))).toEqual(new Set(['CSCP Business Plan 2024/25']));
  });
});
