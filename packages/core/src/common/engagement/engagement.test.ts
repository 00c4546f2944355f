import { describe, expect, it } from 'vitest';
import { parsePeriod, type Period } from '../base/dates.js';
import { unwrap } from '../base/result.js';
import { Database, emptyDatabase } from '../store/database.js';
import { stampLines } from '../store/__fixtures__/stampLines.js';
import {
  engagementByAgency,
  engagementTable,
  engagementTableForRange,
  formatEngagementCell,
  isQuorate,
  meetingsSummary,
  type EngagementCell,
  type EngagementTable,
} from './engagement.js';

const year: Period = unwrap(parsePeriod('2024/25'));

/** A small partnership: a council with a housing department, health, police, a chair role and two subgroups. */
function fixture(extra: Partial<Record<'meetings' | 'attendance' | 'subgroups' | 'people' | 'agencies', unknown[]>> = {}): Database {
  const base = emptyDatabase({ name: 'Test Partnership', area: 'Testshire' });
  return Database.parse(stampLines({
    ...base,
    agencies: [
      { id: 'chair', name: 'Chair (Named Person)', kind: 'role', sector: 'independent' },
      { id: 'council', name: 'Council', sector: 'local-authority', statutoryRole: 'local-authority' },
      { id: 'housing', name: 'Council: Housing', sector: 'housing', parentId: 'council' },
      { id: 'health', name: 'Health', sector: 'health', statutoryRole: 'health' },
      { id: 'police', name: 'Police', sector: 'police', statutoryRole: 'police' },
      { id: 'probation', name: 'Probation', sector: 'probation' },
      ...(extra.agencies ?? []),
    ],
    people: [
      { id: 'carol', name: 'Carol Chair', email: 'carol@example.org', agencyId: 'chair' },
      { id: 'cora', name: 'Cora Council', email: 'cora@example.org', agencyId: 'council' },
      { id: 'colin', name: 'Colin Council', email: 'colin@example.org', agencyId: 'council' },
      { id: 'hana', name: 'Hana Housing', email: 'hana@example.org', agencyId: 'housing' },
      { id: 'hugh', name: 'Hugh Health', email: 'hugh@example.org', agencyId: 'health' },
      { id: 'pat', name: 'Pat Police', email: 'pat@example.org', agencyId: 'police' },
      { id: 'gina', name: 'Gina Guest', email: 'gina@example.org', agencyId: null },
      ...(extra.people ?? []),
    ],
    subgroups: extra.subgroups ?? [
      { id: 'exec', name: 'Executive', shortName: 'Exec', kind: 'executive', members: [{ agencyId: 'council', joined: '2020-01-01' }] },
      {
        id: 'review',
        name: 'Review Group',
        shortName: 'Review',
        members: [
          { agencyId: 'chair', joined: '2022-01-01' },
          { agencyId: 'council', joined: '2023-01-01' },
          { agencyId: 'health', joined: '2023-01-01' },
          { agencyId: 'police', joined: '2023-01-01' },
        ],
      },
      {
        id: 'qag',
        name: 'Quality Assurance Group',
        shortName: 'QAG',
        members: [
          { agencyId: 'council', joined: '2021-06-01' },
          { agencyId: 'chair', joined: '2024-01-01' },
          { agencyId: 'housing', joined: '2024-01-01' },
        ],
      },
    ],
    meetings: extra.meetings ?? [],
    attendance: extra.attendance ?? [],
  }));
}

/** A held meeting at 10:00 UTC on a date; `status` and `hour` may be changed. */
function meeting(id: string, subgroupId: string, date: string, options: { status?: string; time?: string } = {}) {
  const start = `${date}T${options.time ?? '10:00'}:00.000Z`;
  const end = new Date(Date.parse(start) + 3_600_000).toISOString();
  return { id, subgroupId, start, end, status: options.status ?? 'held' };
}

let lineNumber = 0;
/** A register line: `who` is a person id or `{ guest: name }`. */
function present(meetingId: string, who: string | { guest: string }, options: { deputisingFor?: string; status?: string } = {}) {
  lineNumber += 1;
  return {
    id: `line-${lineNumber}`,
    meetingId,
    personId: typeof who === 'string' ? who : null,
    guestName: typeof who === 'string' ? null : who.guest,
    status: options.status ?? 'present',
    deputisingForId: options.deputisingFor ?? null,
    recordedById: 'carol',
    recordedAt: '2024-05-01T12:00:00.000Z',
  };
}

function cell(table: EngagementTable, rowKey: string, subgroupId: string): EngagementCell | undefined {
  return table.rows.find((r) => r.key === rowKey)?.cells[subgroupId];
}

function shown(table: EngagementTable): Record<string, string[]> {
  return Object.fromEntries(table.rows.map((r) => [r.label, table.columns.map((c) => formatEngagementCell(r.cells[c.subgroupId]!))]));
}

describe('the engagement table', () => {
  it('divides attendances by meetings held while the agency was a member, and can exceed 100%', () => {
    const db = fixture({
      meetings: [meeting('r1', 'review', '2024-05-01'), meeting('r2', 'review', '2024-08-01'), meeting('r3', 'review', '2024-11-01')],
      attendance: [
        present('r1', 'cora'),
        present('r1', 'colin'),
        present('r2', 'cora'),
        present('r2', 'colin'),
        present('r3', 'colin'),
        present('r1', 'hugh'),
        present('r2', 'hugh', { status: 'apologies' }),
        present('r3', 'hugh', { status: 'absent' }),
      ],
    });
    const table = engagementTable(db, { period: year });
    expect(cell(table, 'council', 'review')).toEqual({ kind: 'value', attendances: 5, meetingsHeld: 3, percent: 167, seatCoverage: 100 });
    expect(cell(table, 'health', 'review')).toEqual({ kind: 'value', attendances: 1, meetingsHeld: 3, percent: 33, seatCoverage: 33 });
    expect(cell(table, 'police', 'review')).toMatchObject({ percent: 0, seatCoverage: 0 });
  });

  it('counts seat coverage against the representatives an agency is expected to send (issue 17)', () => {
    const subgroups = [
      {
        id: 'review',
        name: 'Review Group',
        shortName: 'Review',
        members: [
          { agencyId: 'council', joined: '2023-01-01', expectedRepresentatives: 2 },
          { agencyId: 'health', joined: '2023-01-01' },
        ],
      },
    ];
    const db = fixture({
      subgroups,
      meetings: [meeting('r1', 'review', '2024-05-01'), meeting('r2', 'review', '2024-08-01'), meeting('r3', 'review', '2024-11-01')],
      // Two seats each time: both filled, then one, then none; a third person fills no extra seat.
      attendance: [present('r1', 'cora'), present('r1', 'colin'), present('r2', 'cora'), present('r1', 'hugh'), present('r2', 'hugh')],
    });
    const table = engagementTable(db, { period: year });
    expect(cell(table, 'council', 'review')).toMatchObject({ percent: 100, seatCoverage: 50 });
    expect(cell(table, 'health', 'review')).toMatchObject({ percent: 67, seatCoverage: 67 });
  });

  it('shows a non-member as "—", never 0%, and a member with nothing held as "n/a"', () => {
    const db = fixture({ meetings: [meeting('r1', 'review', '2024-05-01')], attendance: [present('r1', 'cora')] });
    const table = engagementTable(db, { period: year });
    expect(shown(table)).toEqual({
      'Chair (Named Person)': ['0%', 'n/a'],
      Council: ['100%', 'n/a'],
      'Council: Housing': ['—', 'n/a'],
      Health: ['0%', '—'],
      Police: ['0%', '—'],
    });
  });

  it('leaves out agencies that were in none of the column subgroups, and the Executive by default', () => {
    const table = engagementTable(fixture(), { period: year });
    expect(table.columns.map((c) => c.shortName)).toEqual(['Review', 'QAG']);
    expect(table.rows.map((r) => r.key)).not.toContain('probation');
    expect(table.periodLabel).toBe('2024/25');
  });

  it('uses the columns given, in the order given, ignoring unknown ids', () => {
    const table = engagementTable(fixture(), { period: year, subgroupIds: ['qag', 'nope', 'exec'] });
    expect(table.columns.map((c) => c.subgroupId)).toEqual(['qag', 'exec']);
  });

  it('counts a member who joined mid-year only over the meetings after joining (inclusive of the joining day)', () => {
    const db = fixture({
      subgroups: [
        {
          id: 'review',
          name: 'Review Group',
          shortName: 'Review',
          members: [
            { agencyId: 'probation', joined: '2024-08-01' },
            { agencyId: 'police', joined: '2020-01-01', left: '2024-08-01' },
          ],
        },
      ],
      people: [{ id: 'paula', name: 'Paula Probation', email: 'paula@example.org', agencyId: 'probation' }],
      meetings: [meeting('r1', 'review', '2024-05-01'), meeting('r2', 'review', '2024-08-01'), meeting('r3', 'review', '2024-11-01')],
      attendance: [present('r1', 'paula'), present('r2', 'paula'), present('r3', 'pat')],
    });
    const table = engagementTable(db, { period: year });
    // Paula's May attendance predates membership: neither numerator nor denominator.
    expect(cell(table, 'probation', 'review')).toMatchObject({ attendances: 1, meetingsHeld: 2, percent: 50 });
    // Police left on 1 August (inclusive): May and August count; November's attendance does not.
    expect(cell(table, 'police', 'review')).toMatchObject({ attendances: 0, meetingsHeld: 2, percent: 0 });
  });

  it('shows "n/a" for a member whose membership window held no meeting, and "—" when the membership lies outside the period', () => {
    const db = fixture({
      subgroups: [
        {
          id: 'review',
          name: 'Review Group',
          shortName: 'Review',
          members: [
            { agencyId: 'health', joined: '2024-09-01', left: '2024-10-01' },
            { agencyId: 'police', joined: '2020-01-01', left: '2024-03-31' },
            { agencyId: 'council', joined: '2025-04-01' },
          ],
        },
      ],
      meetings: [meeting('r1', 'review', '2024-05-01')],
    });
    const table = engagementTable(db, { period: year });
    expect(cell(table, 'health', 'review')).toEqual({ kind: 'no-meetings' });
    expect(table.rows.map((r) => r.key)).toEqual(['health']);
  });

  it('counts a deputy for the agency of the person deputised for', () => {
    const db = fixture({
      meetings: [meeting('r1', 'review', '2024-05-01'), meeting('r2', 'review', '2024-06-01')],
      attendance: [present('r1', 'hugh'), present('r2', 'gina', { deputisingFor: 'hugh' }), present('r2', 'hana', { deputisingFor: 'pat' })],
    });
    const table = engagementTable(db, { period: year });
    expect(cell(table, 'health', 'review')).toMatchObject({ attendances: 2, percent: 100 });
    expect(cell(table, 'police', 'review')).toMatchObject({ attendances: 1, percent: 50 });
    expect(table.rows.some((r) => r.kind === 'guest')).toBe(false);
  });

  it('puts people with no agency and named guests in a Guest row, "—" where no guest came', () => {
    const db = fixture({
      meetings: [meeting('r1', 'review', '2024-05-01'), meeting('r2', 'review', '2024-06-01'), meeting('q1', 'qag', '2024-05-02')],
      attendance: [present('r1', 'gina'), present('r1', { guest: 'A Visitor' }), present('r2', { guest: 'A Visitor' })],
    });
    const table = engagementTable(db, { period: year });
    const guest = table.rows.at(-1)!;
    expect(guest).toMatchObject({ key: 'guest', agencyId: null, label: 'Guest', kind: 'guest', groups: ['All Groups'] });
    expect(guest.cells.review).toEqual({ kind: 'value', attendances: 3, meetingsHeld: 2, percent: 150, seatCoverage: 100 });
    expect(formatEngagementCell(guest.cells.qag!)).toBe('—');
  });

  it('leaves the Guest row out when no guest attended', () => {
    const db = fixture({ meetings: [meeting('r1', 'review', '2024-05-01')], attendance: [present('r1', { guest: 'Gone' }, { status: 'apologies' })] });
    expect(engagementTable(db, { period: year }).rows.some((r) => r.key === 'guest')).toBe(false);
  });

  it('does not count cancelled or scheduled meetings, though the column counts them as planned', () => {
    const db = fixture({
      meetings: [
        meeting('r1', 'review', '2024-05-01'),
        meeting('r2', 'review', '2024-06-01', { status: 'cancelled' }),
        meeting('r3', 'review', '2025-03-01', { status: 'scheduled' }),
      ],
      attendance: [present('r1', 'pat'), present('r2', 'pat')],
    });
    const table = engagementTable(db, { period: year });
    expect(cell(table, 'police', 'review')).toMatchObject({ attendances: 1, meetingsHeld: 1, percent: 100 });
    expect(table.columns[0]).toMatchObject({ meetingsHeld: 1, meetingsPlanned: 3, meetingsCancelled: 1 });
  });

  it('puts a meeting on 31 March in the old year and one on 1 April in the new', () => {
    const db = fixture({
      meetings: [meeting('march', 'review', '2025-03-31'), meeting('april', 'review', '2025-04-01')],
      attendance: [present('march', 'pat'), present('april', 'pat'), present('april', 'gina', { deputisingFor: 'pat' })],
    });
    const old = engagementTable(db, { period: year });
    const next = engagementTable(db, { period: unwrap(parsePeriod('2025/26 Q1')) });
    expect(cell(old, 'police', 'review')).toMatchObject({ attendances: 1, meetingsHeld: 1 });
    expect(cell(next, 'police', 'review')).toMatchObject({ attendances: 2, meetingsHeld: 1, percent: 200, seatCoverage: 100 });
  });

  it('dates a meeting by its London date: 00:30 BST on 1 July is Q2 although it is 30 June in UTC', () => {
    const db = fixture({
      meetings: [meeting('late', 'review', '2024-06-30', { time: '23:30' })],
      attendance: [present('late', 'pat')],
    });
    const q1 = engagementTable(db, { period: unwrap(parsePeriod('2024/25 Q1')) });
    const q2 = engagementTable(db, { period: unwrap(parsePeriod('2024/25 Q2')) });
    expect(q1.columns[0]!.meetingsHeld).toBe(0);
    expect(cell(q2, 'police', 'review')).toMatchObject({ percent: 100 });
  });

  it('checks membership against the London date too: a member who joined on 1 July counts a 00:30 BST meeting that day', () => {
    const db = fixture({
      subgroups: [{ id: 'review', name: 'Review Group', shortName: 'Review', members: [{ agencyId: 'probation', joined: '2024-07-01' }] }],
      meetings: [meeting('late', 'review', '2024-06-30', { time: '23:30' })],
    });
    expect(cell(engagementTable(db, { period: year }), 'probation', 'review')).toMatchObject({ meetingsHeld: 1, percent: 0 });
  });

  it('lists the groups an agency belonged to in the order it joined them, ties in column order', () => {
    const table = engagementTable(fixture(), { period: year, subgroupIds: ['review', 'qag'] });
    const groups = Object.fromEntries(table.rows.map((r) => [r.key, r.groups]));
    expect(groups).toEqual({
      chair: ['Review', 'QAG'],
      council: ['QAG', 'Review'],
      housing: ['QAG'],
      health: ['Review'],
      police: ['Review'],
    });
    const reversed = engagementTable(
      fixture({
        subgroups: [
          { id: 'a', name: 'A', shortName: 'A', members: [{ agencyId: 'police', joined: '2024-01-01' }] },
          { id: 'b', name: 'B', shortName: 'B', members: [{ agencyId: 'police', joined: '2024-01-01' }] },
        ],
      }),
      { period: year, subgroupIds: ['b', 'a'] },
    );
    expect(reversed.rows[0]!.groups).toEqual(['B', 'A']);
  });

  it('shows role rows such as the Chair like any agency', () => {
    const db = fixture({ meetings: [meeting('q1', 'qag', '2024-05-01')], attendance: [present('q1', 'carol')] });
    const row = engagementTable(db, { period: year }).rows.find((r) => r.key === 'chair')!;
    expect(row.kind).toBe('role');
    expect(formatEngagementCell(row.cells.qag!)).toBe('100%');
  });

  it('covers any run of dates, such as a year to date', () => {
    const db = fixture({
      meetings: [meeting('r1', 'review', '2024-05-01'), meeting('r2', 'review', '2024-11-01')],
      attendance: [present('r1', 'pat')],
    });
    const table = engagementTableForRange(db, { range: { start: '2024-04-01', end: '2024-10-01' }, label: '2024/25 Q1–Q2' });
    expect(table.periodLabel).toBe('2024/25 Q1–Q2');
    expect(cell(table, 'police', 'review')).toMatchObject({ meetingsHeld: 1, percent: 100 });
  });
});

describe('formatting a cell', () => {
  it.each<[EngagementCell, string]>([
    [{ kind: 'non-member' }, '—'],
    [{ kind: 'no-meetings' }, 'n/a'],
    [{ kind: 'value', attendances: 4, meetingsHeld: 3, percent: 133, seatCoverage: 100 }, '133%'],
    [{ kind: 'value', attendances: 0, meetingsHeld: 3, percent: 0, seatCoverage: 0 }, '0%'],
  ])('shows %j as %s', (value, text) => {
    expect(formatEngagementCell(value)).toBe(text);
  });
});

describe('quorum', () => {
  function quorumDb(quorum: { minAgencies: number; statutoryPartnersRequired: boolean }, attendees: Array<Parameters<typeof present>>) {
    return fixture({
      subgroups: [
        {
          id: 'review',
          name: 'Review Group',
          shortName: 'Review',
          quorum,
          members: [
            { agencyId: 'council', joined: '2020-01-01' },
            { agencyId: 'housing', joined: '2020-01-01' },
            { agencyId: 'health', joined: '2020-01-01' },
            { agencyId: 'police', joined: '2020-01-01', left: '2024-01-01' },
          ],
        },
      ],
      meetings: [meeting('r1', 'review', '2024-05-01')],
      attendance: attendees.map((args) => present(...args)),
    });
  }

  it.each<[string, { minAgencies: number; statutoryPartnersRequired: boolean }, Array<Parameters<typeof present>>, boolean]>([
    ['two distinct agencies meet a minimum of two', { minAgencies: 2, statutoryPartnersRequired: false }, [['r1', 'cora'], ['r1', 'hugh']], true],
    ['two people of one agency do not', { minAgencies: 2, statutoryPartnersRequired: false }, [['r1', 'cora'], ['r1', 'colin']], false],
    ['apologies do not count', { minAgencies: 2, statutoryPartnersRequired: false }, [['r1', 'cora'], ['r1', 'hugh', { status: 'apologies' }]], false],
    ['a former member does not count towards the minimum', { minAgencies: 2, statutoryPartnersRequired: false }, [['r1', 'cora'], ['r1', 'pat']], false],
    ['guests do not count', { minAgencies: 2, statutoryPartnersRequired: false }, [['r1', 'cora'], ['r1', 'gina']], false],
    ['a deputy counts for the deputised agency', { minAgencies: 2, statutoryPartnersRequired: false }, [['r1', 'cora'], ['r1', 'gina', { deputisingFor: 'hugh' }]], true],
    ['all three statutory partners present', { minAgencies: 0, statutoryPartnersRequired: true }, [['r1', 'cora'], ['r1', 'hugh'], ['r1', 'pat']], true],
    ['the police missing', { minAgencies: 0, statutoryPartnersRequired: true }, [['r1', 'cora'], ['r1', 'hugh']], false],
    ['a council department stands for the council', { minAgencies: 0, statutoryPartnersRequired: true }, [['r1', 'hana'], ['r1', 'hugh'], ['r1', 'pat']], true],
    ['statutory partners present but too few members', { minAgencies: 3, statutoryPartnersRequired: true }, [['r1', 'cora'], ['r1', 'hugh'], ['r1', 'pat']], false],
    ['no rule at all', { minAgencies: 0, statutoryPartnersRequired: false }, [], true],
  ])('%s', (_name, quorum, attendees, expected) => {
    const db = quorumDb(quorum, attendees);
    expect(isQuorate(db, db.meetings[0]!)).toBe(expected);
  });

  it('counts quorate held meetings in the column and the meetings summary', () => {
    const db = fixture({
      subgroups: [
        { id: 'exec', name: 'Executive', shortName: 'Exec', kind: 'executive' },
        { id: 'review', name: 'Review Group', shortName: 'Review', quorum: { minAgencies: 1 }, members: [{ agencyId: 'police', joined: '2020-01-01' }] },
      ],
      meetings: [
        meeting('r1', 'review', '2024-05-01'),
        meeting('r2', 'review', '2024-06-01'),
        meeting('r3', 'review', '2024-07-01', { status: 'cancelled' }),
        meeting('r4', 'review', '2024-07-02', { status: 'scheduled' }),
      ],
      attendance: [present('r1', 'pat'), present('r3', 'pat'), present('r4', 'pat')],
    });
    expect(engagementTable(db, { period: year }).columns[0]!.quorateMeetings).toBe(1);
    expect(meetingsSummary(db, { period: year })).toEqual([
      { subgroupId: 'exec', name: 'Executive', planned: 0, held: 0, cancelled: 0, quorate: 0 },
      { subgroupId: 'review', name: 'Review Group', planned: 4, held: 2, cancelled: 1, quorate: 1 },
    ]);
  });
});

describe('engagement by agency', () => {
  it('adds attendances and meetings across every subgroup the agency belonged to, the Executive included', () => {
    const db = fixture({
      meetings: [meeting('e1', 'exec', '2024-05-01'), meeting('r1', 'review', '2024-05-02'), meeting('q1', 'qag', '2024-05-03'), meeting('q2', 'qag', '2025-05-03')],
      attendance: [present('e1', 'cora'), present('r1', 'colin'), present('r1', 'cora'), present('q2', 'cora')],
    });
    const rows = engagementByAgency(db, { period: year });
    expect(rows.find((r) => r.agencyId === 'council')).toEqual({ agencyId: 'council', label: 'Council', attendances: 3, meetingsHeld: 3, percent: 100 });
    expect(rows.find((r) => r.agencyId === 'housing')).toEqual({ agencyId: 'housing', label: 'Council: Housing', attendances: 0, meetingsHeld: 1, percent: 0 });
    expect(rows.map((r) => r.agencyId)).not.toContain('probation');
  });

  it('gives a null percentage, not 0, when nothing was held', () => {
    const rows = engagementByAgency(fixture(), { period: year });
    expect(rows.find((r) => r.agencyId === 'police')).toMatchObject({ meetingsHeld: 0, percent: null });
  });
});

describe('the published 2024/25 engagement table', () => {
  // ../shared/reference/engagement-2024-25.csv: agency, groups, Review %, QAG %, Editorial % ('' = not a member).
  const published: Array<[string, string, string, string, string]> = [
    ['Chair (Named Person)', 'Editorial, Review, QAG', '100', '100', '100'],
    ['Independent Scrutineer', 'Review, QAG', '50', '100', ''],
    ['Croydon Council: Quality Assurance', 'Editorial, Review, QAG', '100', '133', '100'],
    ["Croydon Council: Children's Social Care", 'Editorial, Review, QAG', '0', '133', '0'],
    ['Croydon Council: Education', 'Editorial, Review, QAG', '25', '133', '150'],
    ['Croydon Council: Youth Justice Service', 'Review, QAG', '0', '33', ''],
    ['Croydon Council: Housing', 'Editorial, Review, QAG', '25', '67', '0'],
    ['Croydon Health Service NHS', 'Editorial, Review, QAG', '100', '67', '150'],
    ['NHS Southwest London Integrated Care Board', 'Editorial, Review, QAG', '100', '67', '100'],
    ['Metropolitan Police', 'Editorial, Review, QAG', '100', '100', '50'],
    ['Public Health', 'Review', '25', '', ''],
    ['South London and Maudsley NHS Foundation Trust', 'Editorial, Review, QAG', '100', '100', '150'],
    ['Croydon Council: Culture & Community Safety', 'QAG', '', '67', ''],
    ['Colleges', 'QAG', '', '33', ''],
    ['Croydon Council: Commissioning', 'QAG', '', '33', ''],
    ['National Probation Service', 'QAG', '', '67', ''],
    ['Voluntary, community and social enterprises', 'QAG, Editorial', '', '33', '150'],
    ['Guest', 'All Groups', '75', '', '150'],
  ];
  const columns = [
    { id: 'review', shortName: 'Review', held: 4 },
    { id: 'qag', shortName: 'QAG', held: 3 },
    { id: 'editorial', shortName: 'Editorial', held: 2 },
  ];

  /** A register that gives each published percentage: k attendances spread over the meetings, two people where k exceeds them. */
  function publishedDb(): Database {
    const agencies = published.filter(([name]) => name !== 'Guest').map(([name], index) => ({
      id: `agency-${index}`,
      name,
      kind: name.startsWith('Chair') || name.startsWith('Independent') ? 'role' : 'organisation',
      sector: 'other',
    }));
    const members = new Map<string, Array<{ agencyId: string; joined: string }>>(columns.map((c) => [c.id, []]));
    const people: unknown[] = [];
    const meetings = columns.flatMap((c) => Array.from({ length: c.held }, (_, i) => meeting(`${c.id}-${i}`, c.id, `2024-0${4 + i}-1${columns.indexOf(c)}`)));
    const attendance: unknown[] = [];
    published.forEach(([name, groups, ...percents], index) => {
      const agencyId = name === 'Guest' ? null : `agency-${index}`;
      for (const who of [1, 2]) people.push({ id: `person-${index}-${who}`, name: `${name} ${who}`, email: `p${index}-${who}@example.org`, agencyId });
      // Joining order reproduces the order of the groups column.
      groups.split(', ').forEach((shortName, order) => {
        const column = columns.find((c) => c.shortName === shortName);
        if (column && agencyId) members.get(column.id)!.push({ agencyId, joined: `2020-01-0${order + 1}` });
      });
      columns.forEach((column, c) => {
        if (percents[c] === '') return;
        const attendances = Math.round((Number(percents[c]) * column.held) / 100);
        for (let k = 0; k < attendances; k += 1) {
          attendance.push(present(`${column.id}-${k % column.held}`, `person-${index}-${Math.floor(k / column.held) + 1}`));
        }
      });
    });
    return Database.parse(
      stampLines({
        ...emptyDatabase({ name: 'Croydon Safeguarding Children Partnership', area: 'Croydon' }),
        agencies,
        people,
        subgroups: columns.map((c) => ({ id: c.id, name: c.shortName, shortName: c.shortName, members: members.get(c.id) })),
        meetings,
        attendance,
      }),
    );
  }

  it('reproduces every published percentage, "—" and the Group Participation column', () => {
    const table = engagementTable(publishedDb(), { period: year });
    const rendered = table.rows.map((row) => [row.label, row.groups.join(', '), ...table.columns.map((c) => formatEngagementCell(row.cells[c.subgroupId]!).replace('%', '').replace('—', ''))]);
    expect(rendered).toEqual(published);
    expect(table.columns.map((c) => c.meetingsHeld)).toEqual([4, 3, 2]);
  });
});
