import { describe, expect, it } from 'vitest';
import { daysBetween, dayOfWeek, localDateOf, localTimeOf, parsePeriod, periodInstants } from '../base/dates.js';
import { unwrap } from '../base/result.js';
import type { Action, ActionStatus } from '../plan/plan.js';
import { Database } from '../store/database.js';
import {
  EXAMPLE_AS_OF,
  EXAMPLE_BUSINESS_MANAGER_ID,
  EXAMPLE_CHAIR_ID,
  EXAMPLE_IDS,
  examplePartnership,
  PLAYGROUND_BUSINESS_MANAGER_AAD_OBJECT_ID,
  PLAYGROUND_CHAIR_AAD_OBJECT_ID,
  exampleSlackUserId,
} from './index.js';

const db = examplePartnership();
const year2024 = periodInstants(unwrap(parsePeriod('2024/25')), 'Europe/London');
const { subgroups: SUBGROUP, plans: PLAN } = EXAMPLE_IDS;

/** The report's engagement table (engagement-2024-25.csv): agency, groups, Review, QAG, Editorial. */
const engagementCsv: ReadonlyArray<readonly [string, string, number | null, number | null, number | null]> = [
  ['Chair (Named Person)', 'Editorial, Review, QAG', 100, 100, 100],
  ['Independent Scrutineer', 'Review, QAG', 50, 100, null],
  ['Croydon Council: Quality Assurance', 'Editorial, Review, QAG', 100, 133, 100],
  ["Croydon Council: Children's Social Care", 'Editorial, Review, QAG', 0, 133, 0],
  ['Croydon Council: Education', 'Editorial, Review, QAG', 25, 133, 150],
  ['Croydon Council: Youth Justice Service', 'Review, QAG', 0, 33, null],
  ['Croydon Council: Housing', 'Editorial, Review, QAG', 25, 67, 0],
  ['Croydon Health Service NHS', 'Editorial, Review, QAG', 100, 67, 150],
  ['NHS Southwest London Integrated Care Board', 'Editorial, Review, QAG', 100, 67, 100],
  ['Metropolitan Police', 'Editorial, Review, QAG', 100, 100, 50],
  ['Public Health', 'Review', 25, null, null],
  ['South London and Maudsley NHS Foundation Trust', 'Editorial, Review, QAG', 100, 100, 150],
  ['Croydon Council: Culture & Community Safety', 'QAG', null, 67, null],
  ['Colleges', 'QAG', null, 33, null],
  ['Croydon Council: Commissioning', 'QAG', null, 33, null],
  ['National Probation Service', 'QAG', null, 67, null],
  ['Voluntary, community and social enterprises', 'QAG, Editorial', null, 33, 150],
  ['Guest', 'All Groups', 75, null, 150],
];

/** Percentages are rounded half up: 4 of 3 is 133, 2 of 3 is 67. */
const percent = (count: number, of: number): number => Math.floor((count * 200 + of) / (2 * of));

/**
 * Engagement counted straight from the records, as the annual report defines it: present lines
 * by the agency's people (a deputy counts for the agency of the person deputised for) ÷ meetings
 * held while the agency was a member. Null is "—": not a member, or for guests, none came.
 */
function engagement(subgroupId: string, row: string): number | null {
  const subgroup = db.subgroups.find((s) => s.id === subgroupId)!;
  const agency = db.agencies.find((a) => a.name === row);
  const held = db.meetings.filter(
    (m) => m.subgroupId === subgroupId && m.status === 'held' && Date.parse(m.start) >= year2024.start.getTime() && Date.parse(m.start) < year2024.end.getTime(),
  );
  const agencyOf = (personId: string | null): string | null => db.people.find((p) => p.id === personId)?.agencyId ?? null;
  let meetings = 0;
  let attendances = 0;
  for (const meeting of held) {
    const date = localDateOf(meeting.start, 'Europe/London');
    const member = subgroup.members.some((m) => m.agencyId === agency?.id && m.joined <= date && (m.left === null || m.left >= date));
    if (agency && !member) continue;
    meetings++;
    for (const line of db.attendance.filter((a) => a.meetingId === meeting.id && a.status === 'present')) {
      const counted = line.guestName !== null ? null : agencyOf(line.deputisingForId ?? line.personId);
      if (counted === (agency?.id ?? null)) attendances++;
    }
  }
  if (meetings === 0 || (!agency && attendances === 0)) return null;
  return percent(attendances, meetings);
}

describe('the example partnership', () => {
  it('is a valid database that parses unchanged', () => {
    expect(Database.parse(db)).toEqual(db);
    expect(db.partnership).toEqual({
      name: 'Croydon Safeguarding Children Partnership',
      area: 'London Borough of Croydon',
      financialYearStart: { month: 4, day: 1 },
      timeZone: 'Europe/London',
      engagementThreshold: 50,
      reviewTimescales: { rapidReviewWorkingDays: 15, practiceReviewMonths: 6 },
      auditProgramme: {
        standingQuestions: [expect.objectContaining({ id: 'neurodivergence', askedFrom: '2024-09-27', retiredOn: null })],
        targets: [{ types: ['multi-agency', 'jtai-preparation'], perYear: 3 }],
      },
    });
  });

  it('comes out the same on every build', () => {
    expect(examplePartnership()).toEqual(db);
  });

  it('was built through the store, so every record has an audit entry by the example', () => {
    expect(db.revision).toBeGreaterThan(100);
    expect(new Set(db.audit.map((e) => e.by))).toEqual(new Set(['system:example']));
    for (const action of db.actions) expect(db.audit.some((e) => e.entity === 'action' && e.entityId === action.ref)).toBe(true);
    expect(db.audit.map((e) => e.seq)).toEqual(db.audit.map((_, i) => i + 1));
  });

  it('has nothing later than EXAMPLE_AS_OF', () => {
    expect(EXAMPLE_AS_OF).toBe('2026-11-16T09:00:00.000Z');
    expect(db.audit.every((e) => e.at <= EXAMPLE_AS_OF)).toBe(true);
    expect(db.actions.flatMap((a) => a.history).every((h) => h.at <= EXAMPLE_AS_OF)).toBe(true);
  });
});

describe('the register and its subgroups', () => {
  it('lists the report\'s agencies in the order of its engagement table', () => {
    const rows = db.agencies.filter((a) => db.subgroups.some((s) => s.kind === 'subgroup' && s.members.some((m) => m.agencyId === a.id)));
    expect(rows.map((a) => a.name)).toEqual(engagementCsv.filter(([row]) => row !== 'Guest').map(([row]) => row));
  });

  it('names nobody: people are named by role and have example addresses', () => {
    expect(db.people.every((p) => p.email.endsWith('.example'))).toBe(true);
    expect(new Set(db.people.map((p) => p.name)).size).toBe(db.people.length);
  });

  it.each(engagementCsv.filter(([row]) => row !== 'Guest'))('%s joined its subgroups in the order "%s"', (row, groups) => {
    const agency = db.agencies.find((a) => a.name === row)!;
    const joined = db.subgroups
      .filter((s) => s.kind === 'subgroup')
      .flatMap((s) => s.members.filter((m) => m.agencyId === agency.id).map((m) => ({ name: s.shortName, joined: m.joined })));
    expect(joined.every((m) => m.joined < '2024-04-01')).toBe(true);
    expect(joined.sort((a, b) => a.joined.localeCompare(b.joined)).map((m) => m.name).join(', ')).toBe(groups);
  });

  it('requires the three statutory partners at the Executive', () => {
    const executive = db.subgroups.find((s) => s.kind === 'executive')!;
    expect(executive.quorum.statutoryPartnersRequired).toBe(true);
    const roles = executive.members.map((m) => db.agencies.find((a) => a.id === m.agencyId)!.statutoryRole);
    expect(roles.sort()).toEqual(['health', 'local-authority', 'police']);
  });
});

describe('meetings', () => {
  it.each([
    [SUBGROUP.executive, 4],
    [SUBGROUP.review, 4],
    [SUBGROUP.qualityAssurance, 3],
    [SUBGROUP.editorial, 2],
  ])('%s held %i meetings in 2024/25', (subgroupId, count) => {
    const held = db.meetings.filter((m) => m.subgroupId === subgroupId && m.status === 'held' && m.start < year2024.end.toISOString() && m.start >= year2024.start.toISOString());
    expect(held).toHaveLength(count);
  });

  it('are on weekdays in office hours, London time, across the clock changes', () => {
    for (const meeting of db.meetings) {
      const date = localDateOf(meeting.start, 'Europe/London');
      expect([1, 2, 3, 4, 5]).toContain(dayOfWeek(date));
      expect(localTimeOf(meeting.start, 'Europe/London') >= '09:00').toBe(true);
      expect(localTimeOf(meeting.end, 'Europe/London') <= '17:00').toBe(true);
    }
    // 14 May 2024 is in summer time: 10:00 in London is 09:00 UTC. 26 November is not.
    expect(db.meetings.find((m) => m.id === 'review-group-2024-05-14')!.start).toBe('2024-05-14T09:00:00.000Z');
    expect(db.meetings.find((m) => m.id === 'review-group-2024-11-26')!.start).toBe('2024-11-26T10:00:00.000Z');
  });

  it('were held with a register before EXAMPLE_AS_OF and are still to come after it, with one cancelled', () => {
    const withRegister = new Set(db.attendance.map((a) => a.meetingId));
    for (const meeting of db.meetings) {
      if (meeting.status === 'cancelled') continue;
      const past = meeting.end <= EXAMPLE_AS_OF;
      expect({ id: meeting.id, status: meeting.status, register: withRegister.has(meeting.id) }).toEqual({
        id: meeting.id,
        status: past ? 'held' : 'scheduled',
        register: past,
      });
    }
    expect(db.meetings.filter((m) => m.status === 'cancelled').map((m) => m.id)).toEqual(['review-group-2026-09-08']);
    expect(db.meetings.filter((m) => m.status === 'held').map((m) => m.start).sort().at(-1)!.slice(0, 7)).toBe('2026-10');
    expect(db.meetings.filter((m) => m.status === 'scheduled').map((m) => m.start).sort().at(-1)!.slice(0, 7)).toBe('2027-03');
  });

  it('include deputies, apologies and absences on the registers', () => {
    const deputy = db.attendance.find((a) => a.meetingId === 'review-group-2024-09-10' && a.deputisingForId !== null)!;
    expect(deputy.deputisingForId).toBe(EXAMPLE_IDS.people.publicHealthConsultant);
    expect(db.people.find((p) => p.id === deputy.personId)!.agencyId).toBe(EXAMPLE_IDS.agencies.council);
    expect(new Set(db.attendance.map((a) => a.status))).toEqual(new Set(['present', 'apologies', 'absent']));
  });
});

describe('2024/25 engagement reproduces the annual report', () => {
  it.each(engagementCsv)('%s (%s): Review %s, QAG %s, Editorial %s', (row, _groups, review, qag, editorial) => {
    expect([engagement(SUBGROUP.review, row), engagement(SUBGROUP.qualityAssurance, row), engagement(SUBGROUP.editorial, row)]).toEqual([review, qag, editorial]);
  });
});

describe('2024/25 funding reproduces the annual report', () => {
  const lineLabel = (c: Database['contributions'][number]) => c.label ?? db.agencies.find((a) => a.id === c.agencyId)?.name ?? c.source;

  it('has the published income lines, in pence', () => {
    const lines = db.contributions.filter((c) => c.financialYear === '2024/25').map((c) => [lineLabel(c), c.amountPence / 100, c.state]);
    expect(lines).toEqual([
      ['Croydon Council', 311609, 'received'],
      ['Croydon ICB', 33850, 'received'],
      ['Croydon Health Service NHS', 33850, 'received'],
      ['South London and Maudsley', 13540, 'received'],
      ['Income from PHEW platform', 12054, 'received'],
      ['Met Police (MOPAC)', 5000, 'received'],
      ['Met Police (South BCU)', 5000, 'received'],
      ['National Probation Service', 3741, 'received'],
      ['Reaching Higher (contribution to conference costs)', 1959, 'received'],
    ]);
  });

  it('has the published expenditure lines, in pence, totalling the income', () => {
    const lines = db.expenditure.filter((e) => e.financialYear === '2024/25').map((e) => [e.category, e.amountPence / 100]);
    expect(lines).toEqual([
      ['Staff & related costs', 372189],
      ['Independent Scrutineer costs', 24740],
      ['CSCP training provided', 9323],
      ['Other IT costs (Adobe licences / PHEW licence)', 6650],
      ['CSCP conference costs (2024 & 2025)', 5838],
      ['TASP membership', 825],
      ['Mailroom stationery supplies CSCP branding', 818],
      ['Safeguarding practice reviews', 220],
    ]);
    const total = (items: readonly { amountPence: number }[]) => items.reduce((sum, i) => sum + i.amountPence, 0);
    expect(total(db.expenditure.filter((e) => e.financialYear === '2024/25'))).toBe(42_060_300);
    expect(total(db.contributions.filter((c) => c.financialYear === '2024/25'))).toBe(42_060_300);
  });

  it('has a 2023/24 year to compare with and 2025/26 pledges still outstanding', () => {
    expect(db.contributions.some((c) => c.financialYear === '2023/24')).toBe(true);
    expect(db.expenditure.some((e) => e.financialYear === '2023/24')).toBe(true);
    const states = db.contributions.filter((c) => c.financialYear === '2025/26').map((c) => c.state);
    expect(states).toContain('pledged');
    expect(states).toContain('received');
  });
});

/** An action's status as its history stood at an instant. */
function statusAt(action: Action, instant: string): ActionStatus | null {
  return action.history.filter((h) => h.at <= instant).at(-1)?.status ?? null;
}

describe('the business plans', () => {
  const yearEnd = year2024.end.toISOString();
  const plan2024 = db.actions.filter((a) => a.planId === PLAN.year2024);
  const plan2025 = db.actions.filter((a) => a.planId === PLAN.years2025to2027);

  it('delivered 86% of the 2024/25 plan as at 31 March 2025', () => {
    const counted = plan2024.filter((a) => statusAt(a, yearEnd) !== 'withdrawn');
    const complete = counted.filter((a) => statusAt(a, yearEnd) === 'complete');
    expect([complete.length, counted.length, plan2024.length - counted.length]).toEqual([43, 50, 1]);
    expect(percent(complete.length, counted.length)).toBe(86);
  });

  it('closed the 2024/25 plan with its five priorities and nine "what we said / what we delivered" lines', () => {
    const plan = db.plans.find((p) => p.id === PLAN.year2024)!;
    expect(plan).toMatchObject({ name: 'CSCP Business Plan 2024/25', start: '2024-04-01', end: '2025-03-31', status: 'closed' });
    expect(plan.priorities.map((p) => p.title)).toEqual(['Family resilience', 'Early intervention', 'Neglect', 'Serious youth violence', 'System learning']);
    expect(plan.commitments).toHaveLength(9);
    expect(plan.commitments.every((c) => c.delivered !== null && c.delivered.length > 50)).toBe(true);
  });

  it('carried every unfinished 2024/25 action over to 2025–27', () => {
    const unfinished = plan2024.filter((a) => a.status !== 'complete' && a.status !== 'withdrawn');
    expect(unfinished).toHaveLength(7);
    for (const original of unfinished) {
      const twin = plan2025.find((a) => a.carriedOverFrom?.ref === original.ref);
      expect(twin).toMatchObject({ title: original.title, carriedOverFrom: { planId: PLAN.year2024, ref: original.ref } });
      expect(original.history.at(-1)!.note).toBe(`Carried over to the CSCP Business Plan 2025–27 as ${twin!.ref}.`);
    }
  });

  it('has 2025–27 actions in every state a digest shows, as of EXAMPLE_AS_OF', () => {
    const today = localDateOf(EXAMPLE_AS_OF, 'Europe/London');
    const open = plan2025.filter((a) => a.status !== 'complete' && a.status !== 'withdrawn');
    const count = (test: (a: Action) => boolean) => plan2025.filter(test).length;
    expect(count((a) => a.status === 'complete')).toBeGreaterThanOrEqual(10);
    expect(count((a) => a.status === 'on-track')).toBeGreaterThanOrEqual(3);
    expect(count((a) => a.status === 'at-risk' || a.status === 'off-track')).toBeGreaterThanOrEqual(3);
    expect(open.filter((a) => a.due < today).length).toBeGreaterThanOrEqual(3);
    expect(open.filter((a) => a.due >= today && daysBetween(today, a.due) <= 31).length).toBeGreaterThanOrEqual(4);
    const quarters = new Set(plan2025.map((a) => a.due.slice(0, 7)));
    expect(quarters.size).toBeGreaterThanOrEqual(12);
    expect(plan2025.map((a) => a.due).sort()[0]! < '2025-07-01').toBe(true);
    expect(plan2025.map((a) => a.due).sort().at(-1)).toBe('2027-03-31');
  });
});

describe('the Microsoft 365 Agents Playground identities', () => {
  const byTeamsId = (id: string) => db.people.find((p) => p.teamsAadObjectId === id);

  it('make the Playground\'s default user the Chair (Named Person), who chairs three subgroups and owns actions', () => {
    const chair = byTeamsId(PLAYGROUND_CHAIR_AAD_OBJECT_ID)!;
    expect(PLAYGROUND_CHAIR_AAD_OBJECT_ID).toBe('00000000-0000-0000-0000-0000000000020');
    expect(chair.id).toBe(EXAMPLE_CHAIR_ID);
    expect(db.agencies.find((a) => a.id === chair.agencyId)!.name).toBe('Chair (Named Person)');
    expect(db.subgroups.filter((s) => s.chairId === chair.id).map((s) => s.shortName)).toEqual(['Review', 'QAG', 'Editorial']);
    expect(db.actions.filter((a) => a.planId === PLAN.years2025to2027 && a.ownerId === chair.id).length).toBeGreaterThanOrEqual(3);
  });

  it('make the second Playground user the CSCP Business Manager, who administers', () => {
    const manager = byTeamsId(PLAYGROUND_BUSINESS_MANAGER_AAD_OBJECT_ID)!;
    expect(PLAYGROUND_BUSINESS_MANAGER_AAD_OBJECT_ID).toBe('00000000-0000-0000-0000-0000000000021');
    expect(manager).toMatchObject({ id: EXAMPLE_BUSINESS_MANAGER_ID, name: 'CSCP Business Manager', roles: ['business-team'] });
  });
});

describe('the example in Slack', () => {
  it('gives every person a Slack member id of their own, the Chair U0EXAMPLE01', () => {
    const db = examplePartnership();
    const ids = db.people.map((p) => p.slackUserId);
    expect(ids.every((id) => id !== null && /^U0EXAMPLE\d{2}$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(db.people.length);
    expect(db.people.find((p) => p.slackUserId === exampleSlackUserId(0))?.id).toBe('chair');
  });
});
