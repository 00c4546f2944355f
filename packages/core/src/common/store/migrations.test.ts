import { describe, expect, it } from 'vitest';
import { migrate, migrations, type Migration } from './migrations.js';
import { CURRENT_SCHEMA_VERSION, Database } from './database.js';
import { parsePeriod } from '../base/dates.js';
import { unwrap } from '../base/result.js';
import { engagementTable, formatEngagementCell, meetingsSummary } from '../engagement/engagement.js';
import { fundingSummary } from '../funding/fundingTables.js';
import { deliveryPercent } from '../plan/delivery.js';
import { EXAMPLE_IDS, examplePartnership } from '../example/index.js';

/** A test chain: v1 called actions "tasks"; v2 kept the area inside the partnership under "region". */
const chain: Record<number, Migration> = {
  1: ({ tasks, ...rest }) => ({ ...rest, actions: tasks ?? [] }),
  2: (data) => {
    const partnership = data.partnership as Record<string, unknown>;
    const { region, ...kept } = partnership;
    return { ...data, partnership: { ...kept, area: region } };
  },
};

describe('migrating a data file', () => {
  it('runs each step in order from the file version to the target, stamping each version', () => {
    const result = migrate({ version: 1, partnership: { name: 'P', region: 'Croydon' }, tasks: [{ ref: 'A-1' }] }, chain, 3);
    expect(result).toEqual({
      success: true,
      data: { from: 1, data: { version: 3, partnership: { name: 'P', area: 'Croydon' }, actions: [{ ref: 'A-1' }] } },
    });
  });

  it('starts part-way along the chain for a file that is only one version behind', () => {
    const result = migrate({ version: 2, partnership: { name: 'P', region: 'Sutton' }, actions: [] }, chain, 3);
    expect(result.success && result.data).toEqual({ from: 2, data: { version: 3, partnership: { name: 'P', area: 'Sutton' }, actions: [] } });
  });

  it('leaves a current file as it is', () => {
    const data = { version: CURRENT_SCHEMA_VERSION, partnership: {} };
    expect(migrate(data)).toEqual({ success: true, data: { from: CURRENT_SCHEMA_VERSION, data } });
  });

  it('does not change the object it was given', () => {
    const data = { version: 1, partnership: { name: 'P', region: 'Croydon' }, tasks: [] };
    const before = structuredClone(data);
    migrate(data, chain, 3);
    expect(data).toEqual(before);
  });

  it.each<[string, unknown, string]>([
    ['a newer version', { version: CURRENT_SCHEMA_VERSION + 1 }, 'store.newer_version'],
    ['no version', { partnership: {} }, 'store.no_version'],
    ['a fractional version', { version: 1.5 }, 'store.no_version'],
    ['an array', [], 'store.not_an_object'],
    ['null', null, 'store.not_an_object'],
    ['a version with no migration', { version: 0 }, 'store.no_migration'],
  ])('refuses %s', (_what, data, code) => {
    const result = migrate(data, migrations);
    expect(result.success ? 'migrated' : result.error.code).toBe(code);
  });

  it('tells the user to upgrade when the file is newer than the program', () => {
    const result = migrate({ version: 7 }, chain, 3);
    expect(result.success ? null : result.error.message).toMatchInlineSnapshot(`"version: 7 is newer than this program understands (3); upgrade Partnership Tracker"`);
  });
});

/** A version 1 file as the program of the time wrote it: no agency on register lines. */
function versionOneFile(): Record<string, unknown> {
  return {
    version: 1,
    revision: 7,
    partnership: { name: 'Testshire Safeguarding Children Partnership', area: 'Testshire' },
    agencies: [
      { id: 'council', name: 'Council', sector: 'local-authority', statutoryRole: 'local-authority' },
      { id: 'health', name: 'Health', sector: 'health', statutoryRole: 'health' },
    ],
    people: [
      { id: 'cora', name: 'Cora', email: 'cora@example.org', agencyId: 'council' },
      { id: 'hugh', name: 'Hugh', email: 'hugh@example.org', agencyId: 'health', active: false },
      { id: 'gina', name: 'Gina', email: 'gina@example.org', agencyId: null },
    ],
    subgroups: [{ id: 'qag', name: 'QAG', shortName: 'QAG', members: [{ agencyId: 'council', joined: '2020-01-01' }, { agencyId: 'health', joined: '2020-01-01' }] }],
    meetings: [{ id: 'qag-1', subgroupId: 'qag', start: '2024-06-01T09:00:00.000Z', end: '2024-06-01T10:00:00.000Z', status: 'held' }],
    attendance: [
      { id: 'qag-1/cora', meetingId: 'qag-1', personId: 'cora', status: 'present', recordedById: 'cora', recordedAt: '2024-06-01T10:00:00.000Z' },
      // Gina, with no agency, stood in for Hugh, who has since left: she counts for Health.
      { id: 'qag-1/gina', meetingId: 'qag-1', personId: 'gina', status: 'present', deputisingForId: 'hugh', recordedById: 'cora', recordedAt: '2024-06-01T10:00:00.000Z' },
      { id: 'qag-1/guest:visitor', meetingId: 'qag-1', guestName: 'Visitor', status: 'present', recordedById: 'cora', recordedAt: '2024-06-01T10:00:00.000Z' },
      { id: 'qag-1/hugh', meetingId: 'qag-1', personId: 'hugh', status: 'apologies', deputisingForId: null, recordedById: 'cora', recordedAt: '2024-06-01T10:00:00.000Z' },
    ],
  };
}

describe('migrating a version 1 file to version 2', () => {
  it('stamps each register line with the agency it counted for, deputies for the agency they stood in for', () => {
    const { data } = unwrap(migrate(versionOneFile()));
    const db = Database.parse(data);
    expect(db.attendance.map((line) => [line.id, line.agencyId])).toEqual([
      ['qag-1/cora', 'council'],
      ['qag-1/gina', 'health'],
      ['qag-1/guest:visitor', null],
      ['qag-1/hugh', 'health'],
    ]);
    expect(db.people.map((p) => [p.id, p.affiliations, p.inactiveFrom])).toEqual([
      ['cora', [], null],
      ['hugh', [], null],
      ['gina', [], null],
    ]);
  });

  it('gives the engagement table the file gave before', () => {
    const db = Database.parse(unwrap(migrate(versionOneFile())).data);
    const table = engagementTable(db, { period: unwrap(parsePeriod('2024/25')) });
    expect(table.rows.map((row) => `${row.label}: ${formatEngagementCell(row.cells.qag!)}`)).toEqual(['Council: 100%', 'Health: 100%', 'Guest: 100%']);
  });

  it('passes what is not a register line on for the schema to refuse with its place', () => {
    const file = { ...versionOneFile(), attendance: ['not a line'] };
    const result = Database.safeParse(unwrap(migrate(file)).data);
    expect(result.success ? 'accepted' : result.error.issues[0]!.path).toEqual(['attendance', 0]);
  });
});

describe('migrating a version 2 file to version 3', () => {
  const versionTwoFile = () => ({
    version: 2,
    partnership: { name: 'Test Partnership', area: 'Testshire' },
    agencies: [{ id: 'icb', name: 'ICB', sector: 'health', statutoryRole: 'health' }],
    contributions: [
      { id: 'icb-2023', financialYear: '2023/24', agencyId: 'icb', amountPence: 3_000_000 },
      { id: 'icb-2024', financialYear: '2024/25', agencyId: 'icb', label: 'Croydon ICB', amountPence: 3_385_000 },
    ],
    expenditure: [
      { id: 'staff-2023', financialYear: '2023/24', category: 'Staffing & related costs', amountPence: 100 },
      { id: 'staff-2024', financialYear: '2024/25', category: 'Staff & related costs', amountPence: 200 },
    ],
  });

  it('records no predecessors and no former names, so years compare and tables read as they did', () => {
    const db = Database.parse(unwrap(migrate(versionTwoFile())).data);
    expect(db.agencies.map((a) => a.predecessorIds)).toEqual([[]]);
    expect(db.expenditure.map((e) => e.formerNames)).toEqual([[], []]);
    const summary = fundingSummary(db, '2024/25', { compareWith: '2023/24' });
    expect(summary.income.lines.map((l) => [l.label, l.share])).toEqual([['Croydon ICB', 10_000]]);
    expect(summary.comparison!.expenditure.map((c) => c.label)).toEqual(['Staff & related costs', 'Staffing & related costs']);
  });
});

describe('migrating a version 3 file to version 4', () => {
  const versionThreeFile = () => ({
    version: 3,
    partnership: { name: 'Test Partnership', area: 'Testshire' },
    agencies: [{ id: 'icb', name: 'ICB', sector: 'health', statutoryRole: 'health', predecessorIds: [] }],
    subgroups: [{ id: 'review', name: 'Review Group', shortName: 'Review' }],
    contributions: [{ id: 'icb-2024', financialYear: '2024/25', agencyId: 'icb', amountPence: 3_385_000 }],
    plans: [{ id: 'plan', name: 'Plan', start: '2024-04-01', end: '2025-03-31' }],
    actions: [
      {
        ref: 'A-1',
        planId: 'plan',
        title: 'Publish the review',
        due: '2024-06-30',
        status: 'complete',
        progress: 100,
        source: { kind: 'review-recommendation', reference: 'Baby Eva LCSPR, recommendation 1' },
        createdAt: '2024-04-01T09:00:00.000Z',
        history: [{ at: '2024-04-01T09:00:00.000Z', byId: 'system:test', progress: 100, status: 'complete' }],
      },
    ],
  });

  it('opens with an empty reviews register, no group holding one, and Working Together\'s timescales', () => {
    const { data, from } = unwrap(migrate(versionThreeFile()));
    const db = Database.parse(data);
    expect(from).toBe(3);
    expect(db.reviews).toEqual([]);
    expect(db.subgroups.map((s) => s.maintains)).toEqual([[]]);
    expect(db.partnership.reviewTimescales).toEqual({ rapidReviewWorkingDays: 15, practiceReviewMonths: 6 });
  });

  it('keeps its actions and funding as they were: a source that names no record stays unlinked', () => {
    const db = Database.parse(unwrap(migrate(versionThreeFile())).data);
    expect(db.actions[0]!.source).toEqual({ kind: 'review-recommendation', reference: 'Baby Eva LCSPR, recommendation 1' });
    expect(fundingSummary(db, '2024/25').income.lines.map((l) => [l.label, l.share])).toEqual([['ICB', 10_000]]);
  });
});

describe('migrating a version 3 file to version 5: statutory partners are organisations', () => {
  /** Every NHS body marked `health`, as registers were written before version 5. */
  const versionThreeFile = (icbName = 'Testshire ICB', icbAliases = ['Testshire Integrated Care Board']) => ({
    version: 3,
    partnership: { name: 'Test Partnership', area: 'Testshire' },
    agencies: [
      { id: 'council', name: 'Council', sector: 'local-authority', statutoryRole: 'local-authority' },
      { id: 'icb', name: icbName, sector: 'health', statutoryRole: 'health', aliases: icbAliases },
      { id: 'icb-safeguarding', name: 'Designated professionals', sector: 'health', statutoryRole: 'health', parentId: 'icb' },
      { id: 'trust', name: 'Testshire Hospitals NHS Trust', sector: 'health', statutoryRole: 'health' },
      { id: 'trust-ed', name: 'Emergency department', sector: 'health', parentId: 'trust' },
      { id: 'police', name: 'Police', sector: 'police', statutoryRole: 'police' },
    ],
    people: [
      { id: 'cora', name: 'Cora', email: 'cora@example.org', agencyId: 'council' },
      { id: 'tess', name: 'Tess', email: 'tess@example.org', agencyId: 'trust-ed' },
      { id: 'pat', name: 'Pat', email: 'pat@example.org', agencyId: 'police' },
    ],
    subgroups: [{ id: 'exec', name: 'Executive', shortName: 'Exec', quorum: { minAgencies: 0, statutoryPartnersRequired: true } }],
    meetings: [{ id: 'exec-1', subgroupId: 'exec', start: '2024-06-01T09:00:00.000Z', end: '2024-06-01T10:00:00.000Z', status: 'held' }],
    attendance: ['cora', 'tess', 'pat'].map((personId) => {
      const agencyId = { cora: 'council', tess: 'trust-ed', pat: 'police' }[personId];
      return { id: `exec-1/${personId}`, meetingId: 'exec-1', personId, agencyId, status: 'present', recordedById: 'cora', recordedAt: '2024-06-01T10:00:00.000Z' };
    }),
    contributions: [
      { id: 'c-council', financialYear: '2024/25', agencyId: 'council', amountPence: 8_000_000 },
      { id: 'c-icb', financialYear: '2024/25', agencyId: 'icb', amountPence: 1_000_000 },
      { id: 'c-trust', financialYear: '2024/25', agencyId: 'trust', amountPence: 1_000_000 },
    ],
  });
  const partnerRows = (db: Database) => fundingSummary(db, '2024/25').byStatutoryPartner.lines.map((l) => `${l.label} ${l.share}`);
  const quorate = (db: Database) => meetingsSummary(db, { period: unwrap(parsePeriod('2024/25')) }).map((m) => m.quorate);

  it('makes NHS bodies outside the ICB relevant agencies, which still stand for health at meetings', () => {
    const db = Database.parse(unwrap(migrate(versionThreeFile())).data);
    expect(db.agencies.map((a) => `${a.id}: ${a.statutoryRole}, stands for ${a.quorumRole}`)).toEqual([
      'council: local-authority, stands for null',
      'icb: health, stands for null',
      'icb-safeguarding: health, stands for null',
      'trust: none, stands for health',
      'trust-ed: none, stands for null',
      'police: police, stands for null',
    ]);
    expect(partnerRows(db)).toEqual(['Council 8000', 'Testshire ICB 1000', 'Police 0', 'Relevant agencies 1000', 'Other sources 0']);
    // The trust's emergency department stood for health at the meeting, and still does.
    expect(quorate(db)).toEqual([1]);
  });

  it('finds the ICB by an alias or as a CCG, and leaves a register with no ICB as it was', () => {
    expect(Database.parse(unwrap(migrate(versionThreeFile('NHS Testshire'))).data).agencies.find((a) => a.id === 'trust')?.statutoryRole).toBe('none');
    expect(Database.parse(unwrap(migrate(versionThreeFile('Testshire CCG'))).data).agencies.find((a) => a.id === 'trust')?.statutoryRole).toBe('none');
    const file = versionThreeFile('NHS Testshire', []);
    const db = Database.parse(unwrap(migrate(file)).data);
    expect(db.agencies.map((a) => a.statutoryRole)).toEqual(file.agencies.map((a) => a.statutoryRole ?? 'none'));
    expect(quorate(db)).toEqual([1]);
  });
});

describe('migrating a version 5 file to version 6', () => {
  it('prefers no chat service for anyone, so reminders go where they went', () => {
    const file = {
      version: 5,
      partnership: { name: 'Test Partnership', area: 'Testshire' },
      people: [{ id: 'jo', name: 'Jo', email: 'jo@example.org', agencyId: null, teamsAadObjectId: 'aad-jo', slackUserId: 'U0JO' }],
    };
    const db = Database.parse(unwrap(migrate(file)).data);
    expect(db.version).toBe(CURRENT_SCHEMA_VERSION);
    expect(db.people.map((p) => [p.id, p.preferredChat])).toEqual([['jo', null]]);
  });
});

describe('migrating a version 6 file to version 7', () => {
  /** The example as a version 6 program wrote it: no audit programme or inspection, its audit actions linked to nothing. */
  const versionSixExample = () => {
    const db = examplePartnership();
    const { auditProgramme: _programme, ...partnership } = db.partnership;
    const { audits: _audits, inspections: _inspections, returns: _returns, returnResponses: _responses, challenges: _challenges, ...rest } = db;
    const actions = db.actions
      .filter((a) => a.source.kind !== 'inspection')
      .map((a) => (a.source.kind === 'audit' ? { ...a, source: { kind: a.source.kind, reference: a.source.reference } } : a));
    const plans = db.plans.filter((p) => db.actions.some((a) => a.planId === p.id && a.source.kind !== 'inspection'));
    return JSON.parse(JSON.stringify({ ...rest, version: 6, partnership, actions, plans })) as Record<string, unknown>;
  };
  const tables = (db: Database) => ({
    funding: fundingSummary(db, '2024/25').income.lines.map((l) => [l.label, l.share]),
    engagement: engagementTable(db, { period: unwrap(parsePeriod('2024/25')) }).rows.map((r) => [r.label, ...Object.values(r.cells).map((c) => (c === undefined ? '' : formatEngagementCell(c)))]),
    delivery: deliveryPercent(db.actions.filter((a) => a.planId === 'business-plan-2024-25'), '2025-03-31T23:00:00.000Z'),
  });

  it('opens with an empty programme, no standing questions, targets or inspections, and the same published tables', () => {
    const { data, from } = unwrap(migrate(versionSixExample()));
    const db = Database.parse(data);
    expect(from).toBe(6);
    expect(db.audits).toEqual([]);
    expect(db.inspections).toEqual([]);
    expect(db.partnership.auditProgramme).toEqual({ standingQuestions: [], targets: [] });
    expect(db.actions.find((a) => a.ref === 'A-24')!.source).toEqual({ kind: 'audit', reference: 'Audit: professional attendance at child protection conferences' });
    expect(tables(db)).toEqual(tables(examplePartnership()));
    expect(tables(db).delivery.percent).toBe(86);
  });
});

describe('migrating a version 7 file to version 8', () => {
  /** The example partnership as a version 7 program wrote it: no returns. */
  const versionSevenExample = () => {
    const { returns: _returns, returnResponses: _responses, ...rest } = JSON.parse(JSON.stringify(examplePartnership())) as Record<string, unknown>;
    const audit = (rest.audit as Array<{ entity: string }>).filter((entry) => entry.entity !== 'return' && entry.entity !== 'returnResponse');
    return { ...rest, audit, version: 7 };
  };

  it('asks no agency for any return', () => {
    const db = Database.parse(unwrap(migrate(versionSevenExample())).data);
    expect([db.version, db.returns, db.returnResponses]).toEqual([CURRENT_SCHEMA_VERSION, [], []]);
  });

  it('gives the example\'s 2024/25 engagement, funding and delivery tables as version 7 gave them', () => {
    const example = examplePartnership();
    const migrated = Database.parse(unwrap(migrate(versionSevenExample())).data);
    const year = unwrap(parsePeriod('2024/25'));
    const tables = (db: Database) => ({
      engagement: engagementTable(db, { period: year }).rows.map((row) => [row.label, ...Object.values(row.cells).map(formatEngagementCell)]),
      funding: fundingSummary(db, '2024/25'),
      delivery: deliveryPercent(db.actions.filter((a) => a.planId === EXAMPLE_IDS.plans.year2024), '2025-03-31T23:00:00.000Z'),
    });
    expect(tables(migrated)).toEqual(tables(example));
    expect(tables(migrated).delivery.percent).toBe(86);
  });
});

describe('migrating a version 8 file to version 9', () => {
  it('opens with an empty challenge log, its actions, tables and executive sources as they were', () => {
    const file = {
      version: 8,
      partnership: { name: 'Test Partnership', area: 'Testshire' },
      plans: [{ id: 'plan', name: 'Plan 2024/25', start: '2024-04-01', end: '2025-03-31' }],
      actions: [
        {
          ref: 'A-1',
          planId: 'plan',
          title: 'Write to other partnerships',
          due: '2024-09-30',
          status: 'complete',
          progress: 100,
          source: { kind: 'executive', reference: 'Executive, 4 June 2024' },
          createdAt: '2024-06-05T09:00:00.000Z',
          history: [{ at: '2024-06-05T09:00:00.000Z', byId: 'system:cli', progress: 100, status: 'complete', note: 'Created' }],
        },
      ],
    };
    const { data, from } = unwrap(migrate(structuredClone(file)));
    expect(from).toBe(8);
    const db = Database.parse(data);
    expect(db.challenges).toEqual([]);
    expect(db.actions).toEqual(Database.parse({ ...file, version: CURRENT_SCHEMA_VERSION }).actions);
    expect(deliveryPercent(db.actions, '2025-03-31T23:00:00.000Z')).toMatchObject({ completed: 1, counted: 1, percent: 100 });
  });
});

describe('migrating a version 9 file to version 10: the chair is sent an overdue alert, not an escalation', () => {
  it('renames the outbox keys of alerts already sent, so that none is sent again, and leaves the others and the audit', () => {
    const file = {
      version: 9,
      partnership: { name: 'Test Partnership', area: 'Testshire' },
      outbox: [
        { key: 'escalation:A-1:2026-07-14', state: 'sent', claimedAt: '2026-07-14T08:00:00.000Z', attempts: 1, sentAt: '2026-07-14T08:00:01.000Z' },
        { key: 'reminder:A-1:overdue-2026-07-07', state: 'sent', claimedAt: '2026-07-07T08:00:00.000Z', attempts: 1, sentAt: '2026-07-07T08:00:01.000Z' },
      ],
      audit: [{ seq: 1, at: '2026-07-14T08:00:00.000Z', by: 'system:scheduler', command: 'outbox.claim', entity: 'outbox', entityId: 'escalation:A-1:2026-07-14', before: null, after: {} }],
    };
    const db = Database.parse(unwrap(migrate(file)).data);
    expect(db.outbox.map((m) => [m.key, m.state])).toEqual([
      ['overdue-alert:A-1:2026-07-14', 'sent'],
      ['reminder:A-1:overdue-2026-07-07', 'sent'],
    ]);
    expect(db.audit.map((e) => e.entityId)).toEqual(['escalation:A-1:2026-07-14']);
  });
});
