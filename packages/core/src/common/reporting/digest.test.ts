import { describe, expect, it } from 'vitest';
import { parsePeriod, type Period } from '../base/dates.js';
import { unwrap } from '../base/result.js';
import { Database, emptyDatabase } from '../store/database.js';
import { stampLines } from '../store/__fixtures__/stampLines.js';
import { QuarterlyDigest, quarterlyDigest } from './digest.js';

const q4: Period = unwrap(parsePeriod('2024/25 Q4'));
const now = '2025-04-02T08:00:00.000Z';

interface Step {
  at: string;
  status: string;
  progress: number;
}

function action(ref: string, due: string, steps: Step[], fields: { priorityId?: string | null; ownerId?: string | null; planId?: string } = {}) {
  const last = steps[steps.length - 1]!;
  return {
    ref,
    planId: fields.planId ?? 'plan-2023',
    priorityId: fields.priorityId === undefined ? 'neglect' : fields.priorityId,
    title: `Action ${ref}`,
    ownerId: fields.ownerId === undefined ? 'olive' : fields.ownerId,
    leadAgencyIds: ['council'],
    due,
    status: last.status,
    progress: last.progress,
    createdAt: steps[0]!.at,
    history: steps.map((s) => ({ ...s, byId: 'olive' })),
  };
}

const start: Step = { at: '2024-04-15T09:00:00.000Z', status: 'not-started', progress: 0 };
const done = (at: string): Step => ({ at, status: 'complete', progress: 100 });

function meeting(id: string, subgroupId: string, start: string, status = 'held') {
  return { id, subgroupId, start, end: new Date(Date.parse(start) + 3_600_000).toISOString(), status };
}

let line = 0;
function present(meetingId: string, personId: string) {
  line += 1;
  return { id: `l${line}`, meetingId, personId, status: 'present', recordedById: 'olive', recordedAt: '2025-01-01T00:00:00.000Z' };
}

function digestDb(): Database {
  const base = emptyDatabase({ name: 'Testshire Safeguarding Children Partnership', area: 'Testshire', engagementThreshold: 50 });
  return Database.parse(stampLines({
    ...base,
    agencies: [
      { id: 'council', name: 'Council', sector: 'local-authority', statutoryRole: 'local-authority' },
      { id: 'health', name: 'Health', sector: 'health', statutoryRole: 'health' },
      { id: 'police', name: 'Police', sector: 'police', statutoryRole: 'police' },
    ],
    people: [
      { id: 'olive', name: 'Olive Owner', email: 'olive@example.org', agencyId: 'council' },
      { id: 'hugh', name: 'Hugh Health', email: 'hugh@example.org', agencyId: 'health' },
      { id: 'pat', name: 'Pat Police', email: 'pat@example.org', agencyId: 'police' },
    ],
    subgroups: [
      { id: 'exec', name: 'Executive', shortName: 'Exec', kind: 'executive', members: [{ agencyId: 'council', joined: '2020-01-01' }] },
      {
        id: 'review',
        name: 'Review Group',
        shortName: 'Review',
        quorum: { minAgencies: 2 },
        members: [
          { agencyId: 'council', joined: '2020-01-01' },
          { agencyId: 'health', joined: '2020-01-01' },
          { agencyId: 'police', joined: '2020-01-01' },
        ],
      },
    ],
    meetings: [
      meeting('r-q3', 'review', '2024-11-05T10:00:00.000Z'),
      meeting('r-q4a', 'review', '2025-01-14T10:00:00.000Z'),
      meeting('r-q4b', 'review', '2025-03-11T10:00:00.000Z'),
      meeting('r-q4c', 'review', '2025-02-11T10:00:00.000Z', 'cancelled'),
      meeting('e-q4', 'exec', '2025-02-20T10:00:00.000Z'),
    ],
    attendance: [
      present('r-q3', 'pat'),
      present('r-q3', 'hugh'),
      present('r-q4a', 'olive'),
      present('r-q4a', 'hugh'),
      present('r-q4b', 'olive'),
      present('e-q4', 'olive'),
    ],
    contributions: [
      { id: 'c1', financialYear: '2024/25', agencyId: 'council', amountPence: 30000000 },
      { id: 'c2', financialYear: '2024/25', agencyId: 'police', amountPence: 500000, state: 'pledged' },
      { id: 'c3', financialYear: '2023/24', agencyId: 'council', amountPence: 99900000 },
    ],
    expenditure: [{ id: 'e1', financialYear: '2024/25', category: 'Staff', amountPence: 25000000 }],
    plans: [
      {
        id: 'plan-2023',
        name: 'Business Plan 2023–25',
        start: '2023-04-01',
        end: '2025-03-31',
        status: 'closed',
        priorities: [
          { id: 'neglect', title: 'Neglect' },
          { id: 'youth-violence', title: 'Serious youth violence' },
        ],
      },
      { id: 'plan-2025', name: 'Business Plan 2025–27', start: '2025-04-01', end: '2027-03-31' },
    ],
    actions: [
      // Completed in Q3: counts for both quarter ends, listed in neither quarter's "completed".
      action('A-1', '2024-12-31', [start, done('2024-11-01T09:00:00.000Z')]),
      // Completed in Q4.
      action('A-2', '2025-03-31', [start, { at: '2024-10-01T09:00:00.000Z', status: 'on-track', progress: 50 }, done('2025-02-10T12:00:00.000Z')]),
      // Completed at 23:30 on 31 March UTC, which is 00:30 on 1 April in London (BST): next quarter.
      action('A-3', '2025-03-31', [start, done('2025-03-31T23:30:00.000Z')], { priorityId: 'youth-violence' }),
      // Completed at 22:30 UTC on 31 March, 23:30 BST: still Q4.
      action('A-4', '2025-06-30', [start, done('2025-03-31T22:30:00.000Z')], { priorityId: 'youth-violence', ownerId: null }),
      // Overdue since 1 March, off track at the quarter end, and later completed.
      action('A-5', '2025-03-01', [start, { at: '2025-01-05T09:00:00.000Z', status: 'off-track', progress: 20 }, done('2025-04-01T10:00:00.000Z')]),
      // At risk, not overdue.
      action('A-6', '2025-09-30', [start, { at: '2025-03-01T09:00:00.000Z', status: 'at-risk', progress: 10 }]),
      // Withdrawn in Q4: counted at Q3 end, not at Q4 end.
      action('A-7', '2025-03-31', [start, { at: '2025-01-20T09:00:00.000Z', status: 'withdrawn', progress: 0 }]),
      // Created after the quarter: not in the digest at all.
      action('A-8', '2025-03-01', [{ at: '2025-04-01T09:00:00.000Z', status: 'not-started', progress: 0 }]),
      // Another plan's action is left out.
      action('B-1', '2024-06-01', [start], { planId: 'plan-2025', priorityId: null }),
      // Completed in Q4 and reopened in Q4: not completed this quarter, and overdue since 1 February.
      action('A-9', '2025-02-01', [start, done('2025-01-10T09:00:00.000Z'), { at: '2025-01-30T09:00:00.000Z', status: 'on-track', progress: 80 }]),
    ],
  }));
}

describe('the quarterly digest', () => {
  const digest = unwrap(quarterlyDigest(digestDb(), { quarter: q4, now }));

  it('is valid against its own schema, so renderers and the bot can trust it', () => {
    expect(QuarterlyDigest.safeParse(digest).success).toBe(true);
  });

  it('names the partnership, the quarter, the time it was made and the plan in force on the last day', () => {
    expect(digest).toMatchObject({
      partnership: 'Testshire Safeguarding Children Partnership',
      periodLabel: '2024/25 Q4',
      generatedAt: now,
      plan: { id: 'plan-2023', name: 'Business Plan 2023–25' },
    });
  });

  it('gives delivery as at the quarter end and the change in points since the previous quarter end', () => {
    // Q4 end: complete; open; A-7 withdrawn → 3 of 7 = 43%.
    // Q3 end: A-1 complete of A-1…A-7 and A-9 (none withdrawn yet) → 1 of 8 = 13% (12.5 rounds up).
    expect(digest.delivery).toEqual({ percent: 43, completed: 3, counted: 7, previousPercent: 13, change: 30 });
    expect(digest.deliveryByPriority).toEqual([
      { priorityId: 'neglect', title: 'Neglect', completed: 2, counted: 5, percent: 40 },
      { priorityId: 'youth-violence', title: 'Serious youth violence', completed: 1, counted: 2, percent: 50 },
    ]);
  });

  it('lists actions completed within the quarter by London date, leaving out ones reopened before the end', () => {
    expect(digest.completedThisQuarter).toEqual([
      { ref: 'A-2', title: 'Action A-2', ownerName: 'Olive Owner', completedOn: '2025-02-10' },
      { ref: 'A-4', title: 'Action A-4', ownerName: null, completedOn: '2025-03-31' },
    ]);
  });

  it('lists overdue actions as they stood at the quarter end, most overdue first', () => {
    expect(digest.overdue).toEqual([
      { ref: 'A-9', title: 'Action A-9', ownerId: 'olive', ownerName: 'Olive Owner', leadAgency: 'Council', due: '2025-02-01', daysOverdue: 59, status: 'on-track', progress: 80 },
      { ref: 'A-5', title: 'Action A-5', ownerId: 'olive', ownerName: 'Olive Owner', leadAgency: 'Council', due: '2025-03-01', daysOverdue: 31, status: 'off-track', progress: 20 },
      { ref: 'A-3', title: 'Action A-3', ownerId: 'olive', ownerName: 'Olive Owner', leadAgency: 'Council', due: '2025-03-31', daysOverdue: 1, status: 'not-started', progress: 0 },
    ]);
  });

  it('lists actions at risk or off track at the quarter end', () => {
    expect(digest.atRisk.map((a) => [a.ref, a.status])).toEqual([
      ['A-5', 'off-track'],
      ['A-6', 'at-risk'],
    ]);
  });

  it('gives engagement for the quarter and the year to date, and flags members below the threshold', () => {
    expect(digest.engagement.quarter.periodLabel).toBe('2024/25 Q4');
    expect(digest.engagement.yearToDate.periodLabel).toBe('2024/25 Q1–Q4');
    const percent = (table: typeof digest.engagement.quarter, agencyId: string) => {
      const cell = table.rows.find((r) => r.agencyId === agencyId)!.cells.review!;
      return cell.kind === 'value' ? cell.percent : cell.kind;
    };
    expect([percent(digest.engagement.quarter, 'council'), percent(digest.engagement.quarter, 'health'), percent(digest.engagement.quarter, 'police')]).toEqual([100, 50, 0]);
    expect([percent(digest.engagement.yearToDate, 'council'), percent(digest.engagement.yearToDate, 'health'), percent(digest.engagement.yearToDate, 'police')]).toEqual([67, 67, 33]);
    // 50% is at the threshold, not below it.
    expect(digest.belowThreshold).toEqual([{ agencyId: 'police', label: 'Police', subgroupId: 'review', subgroupName: 'Review Group', percent: 0 }]);
  });

  it('summarises the quarter’s meetings for every group, the Executive included', () => {
    expect(digest.meetings).toEqual([
      { subgroupId: 'exec', name: 'Executive', planned: 1, held: 1, cancelled: 0, quorate: 1 },
      { subgroupId: 'review', name: 'Review Group', planned: 3, held: 2, cancelled: 1, quorate: 1 },
    ]);
  });

  it('gives the financial year’s funding totals', () => {
    expect(digest.funding).toEqual({ year: '2024/25', receivedPence: 30000000, pledgedPence: 500000, incomeTotalPence: 30500000, expenditureTotalPence: 25000000 });
  });

  it('reports on a named plan instead of the one in force', () => {
    const other = unwrap(quarterlyDigest(digestDb(), { quarter: q4, now, planId: 'plan-2025' }));
    expect(other.plan.id).toBe('plan-2025');
    expect(other.delivery).toEqual({ percent: 0, completed: 0, counted: 1, previousPercent: 0, change: 0 });
    expect(other.overdue.map((a) => a.ref)).toEqual(['B-1']);
  });

  it('has no change figure when the previous quarter had no actions', () => {
    const q1 = unwrap(quarterlyDigest(digestDb(), { quarter: unwrap(parsePeriod('2024/25 Q1')), now }));
    expect(q1.delivery).toMatchObject({ percent: 0, counted: 8, previousPercent: null, change: null });
    expect(q1.engagement.yearToDate.periodLabel).toBe('2024/25 Q1');
  });

  it.each<[string, Parameters<typeof quarterlyDigest>[1], string, string]>([
    ['a whole year', { quarter: unwrap(parsePeriod('2024/25')), now }, 'digest.not_quarter', 'needs a quarter such as 2024/25 Q4, not the whole year 2024/25'],
    ['a time that is not an instant', { quarter: q4, now: 'yesterday' }, 'digest.bad_now', '"yesterday" is not an instant'],
    ['an unknown plan', { quarter: q4, now, planId: 'nope' }, 'plan.not_found', 'There is no plan "nope".'],
    ['a quarter no plan covers', { quarter: unwrap(parsePeriod('2019/20 Q1')), now }, 'digest.no_plan', 'No business plan covers 2019/20 Q1'],
  ])('refuses %s with a message naming it', (_name, options, code, message) => {
    const result = quarterlyDigest(digestDb(), options);
    expect(result.success).toBe(false);
    if (!result.success) {
      expect(result.error.code).toBe(code);
      expect(result.error.message).toContain(message);
    }
  });
});
