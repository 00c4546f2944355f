import { describe, expect, it } from 'vitest';
import type { Actor } from '../audit/auditEntry.js';
import { parsePeriod } from '../base/dates.js';
import { unwrap } from '../base/result.js';
import { engagementTable, formatEngagementCell } from '../engagement/engagement.js';
import { EXAMPLE_IDS, examplePartnership } from '../example/index.js';
import { expenditureTable, incomeTable } from '../funding/fundingTables.js';
import { deliveryPercent } from '../plan/delivery.js';
import { applyCommands } from './applyCommands.js';
import type { CommandInput } from './commands.js';
import type { Database } from './database.js';
import { applyRecordChanges } from './recordChanges.js';

// Issue 11, item 4: every command was an upsert, so a wrong income line, spending line,
// membership, meeting or person could not be removed through any interface.
const { agencies: AGENCY, people: PERSON, subgroups: SUBGROUP, plans: PLAN } = EXAMPLE_IDS;
const example = examplePartnership();
const at = '2026-11-20T10:00:00.000Z';
const businessTeam: Actor = { kind: 'person', personId: PERSON.businessManager };

function attempt(commands: CommandInput[], actor: Actor = businessTeam, db: Database = example) {
  return applyCommands(db, commands, { actor, at });
}

/** The change replayed as a store replays it: the records it left, not the commands. */
function replayed(db: Database, commands: CommandInput[]): Database {
  const outcome = unwrap(attempt(commands, businessTeam, db));
  return unwrap(applyRecordChanges(db, outcome.changes, { validate: true }));
}

function printed(db: Database, period = '2024/25'): string[] {
  const table = engagementTable(db, { period: unwrap(parsePeriod(period)) });
  return table.rows.map((row) => [row.label, ...table.columns.map((c) => formatEngagementCell(row.cells[c.subgroupId]!))].join(' | '));
}

describe('removing an income or spending line', () => {
  // Entered by mistake: a second ICB line for 2024/25, under another id. Core refuses a second
  // line that is the same line (contributionKey), so the mistake carries a label of its own.
  const mistaken = unwrap(
    attempt([{ type: 'contribution.upsert', contribution: { id: 'income-2024-25-icb-again', financialYear: '2024/25', agencyId: AGENCY.icb, label: 'ICB top-up', amountPence: 3_385_000 } }]),
  ).db;

  it('takes the line out of the table (no £0 line), with an audit entry of the line as it was', () => {
    const { db, audit } = unwrap(attempt([{ type: 'contribution.remove', id: 'income-2024-25-icb-again' }], businessTeam, mistaken));
    expect(incomeTable(db, '2024/25')).toEqual(incomeTable(example, '2024/25'));
    expect(audit).toMatchObject([{ command: 'contribution.remove', entity: 'contribution', entityId: 'income-2024-25-icb-again', before: { amountPence: 3_385_000 }, after: null }]);
    expect(replayed(mistaken, [{ type: 'contribution.remove', id: 'income-2024-25-icb-again' }]).contributions).toEqual(db.contributions);
  });

  it('removes a spending line the same way', () => {
    const { db } = unwrap(attempt([{ type: 'expenditure.remove', id: 'spend-2024-25-8' }]));
    expect(expenditureTable(db, '2024/25').lines.map((l) => l.label)).not.toContain('Safeguarding practice reviews');
    expect(db.expenditure).toHaveLength(example.expenditure.length - 1);
  });

  it('names a line that does not exist, and is the business team’s alone', () => {
    const missing = attempt([{ type: 'expenditure.remove', id: 'spend-2024-25-99' }]);
    expect(missing.success ? null : missing.error).toEqual({ code: 'expenditure.not_found', message: 'There is no spending line spend-2024-25-99.' });
    const chair = attempt([{ type: 'contribution.remove', id: 'income-2024-25-icb' }], { kind: 'person', personId: PERSON.chair });
    expect(chair.success ? null : chair.error.code).toBe('access.not_business_team');
  });
});

describe('removing a meeting entered by mistake', () => {
  it('removes a meeting with no register; cancelling is what a planned meeting that did not happen gets', () => {
    const added = unwrap(attempt([{ type: 'meeting.upsert', meeting: { id: 'review-group-2024-09-11', subgroupId: SUBGROUP.review, start: '2024-09-11T09:00:00.000Z', end: '2024-09-11T11:00:00.000Z' } }])).db;
    expect(engagementTable(added, { period: unwrap(parsePeriod('2024/25')) }).columns.find((c) => c.subgroupId === SUBGROUP.review)?.meetingsPlanned).toBe(5);
    const { db, audit } = unwrap(attempt([{ type: 'meeting.remove', meetingId: 'review-group-2024-09-11' }], businessTeam, added));
    expect(printed(db)).toEqual(printed(example));
    expect(db.meetings).toEqual(example.meetings);
    expect(audit.map((e) => `${e.command} ${e.entity} ${e.entityId}`)).toEqual(['meeting.remove meeting review-group-2024-09-11']);
  });

  it('refuses a meeting with a register unless asked to remove its register too, which it then does line by line', () => {
    const refused = attempt([{ type: 'meeting.remove', meetingId: 'review-group-2024-09-10' }]);
    expect(refused.success ? null : refused.error.code).toBe('meeting.has_register');
    expect(refused.success ? null : refused.error.message).toMatch(/^Meeting review-group-2024-09-10 has a register of \d+ lines, which count in the engagement tables/);
    const lines = example.attendance.filter((a) => a.meetingId === 'review-group-2024-09-10');
    const { db, audit } = unwrap(attempt([{ type: 'meeting.remove', meetingId: 'review-group-2024-09-10', withRegister: true }]));
    expect(db.attendance.some((a) => a.meetingId === 'review-group-2024-09-10')).toBe(false);
    expect(audit).toHaveLength(lines.length + 1);
    expect(replayed(example, [{ type: 'meeting.remove', meetingId: 'review-group-2024-09-10', withRegister: true }]).attendance).toEqual(db.attendance);
  });
});

describe('ending or correcting a membership', () => {
  const review = (db: Database) => db.subgroups.find((s) => s.id === SUBGROUP.review)!;
  const membership = (db: Database, agencyId: string) => review(db).members.filter((m) => m.agencyId === agencyId);

  it('ends a current membership on its last day', () => {
    const { db } = unwrap(attempt([{ type: 'membership.end', subgroupId: SUBGROUP.review, agencyId: AGENCY.housing, left: '2026-03-31' }]));
    expect(membership(db, AGENCY.housing)).toMatchObject([{ joined: '2023-01-09', left: '2026-03-31' }]);
    expect(printed(db)).toEqual(printed(example));
    const again = attempt([{ type: 'membership.end', subgroupId: SUBGROUP.review, agencyId: AGENCY.housing, left: '2026-04-30' }], businessTeam, db);
    const housing = example.agencies.find((a) => a.id === AGENCY.housing)!.name;
    expect(again.success ? null : again.error.message).toBe(`${housing}'s membership of Review Group has already ended (on 2026-03-31).`);
  });

  it('corrects a mistyped join date, which changes the figures it was wrong for', () => {
    // Housing joined the Review Group on 9 Jan 2023; typed as 9 Jan 2025 it missed most of 2024/25.
    const mistyped = unwrap(attempt([{ type: 'membership.correct', subgroupId: SUBGROUP.review, agencyId: AGENCY.housing, joined: '2025-01-09' }])).db;
    expect(printed(mistyped)).not.toEqual(printed(example));
    const { db, audit } = unwrap(attempt([{ type: 'membership.correct', subgroupId: SUBGROUP.review, agencyId: AGENCY.housing, was: '2025-01-09', joined: '2023-01-09' }], businessTeam, mistyped));
    expect(printed(db)).toEqual(printed(example));
    expect(audit).toMatchObject([{ command: 'membership.correct', entity: 'subgroup', entityId: SUBGROUP.review }]);
  });

  it('removes a membership entered by mistake, and refuses dates that cannot be', () => {
    const { db } = unwrap(attempt([{ type: 'membership.correct', subgroupId: SUBGROUP.review, agencyId: AGENCY.housing, remove: true }]));
    expect(membership(db, AGENCY.housing)).toEqual([]);
    const backwards = attempt([{ type: 'membership.correct', subgroupId: SUBGROUP.review, agencyId: AGENCY.housing, left: '2020-01-01' }]);
    expect(backwards.success ? null : backwards.error.code).toBe('subgroup.membership_dates');
    const never = attempt([{ type: 'membership.end', subgroupId: SUBGROUP.review, agencyId: AGENCY.probation, left: '2026-03-31' }]);
    expect(never.success ? null : never.error.code).toBe('membership.not_found');
    const wrongDay = attempt([{ type: 'membership.correct', subgroupId: SUBGROUP.review, agencyId: AGENCY.housing, was: '2023-01-10', joined: '2023-01-09' }]);
    expect(wrongDay.success ? null : wrongDay.error.message).toMatch(/did not join Review Group on 2023-01-10; its memberships began on 2023-01-09\.$/);
  });
});

describe('erasing a person on request (GDPR)', () => {
  const nurse = example.people.find((p) => p.id === PERSON.croydonHealthNamedNurse)!;
  const withTeamsId = unwrap(
    attempt([{ type: 'person.upsert', person: { ...nurse, teamsAadObjectId: 'aad-named-nurse', slackUserId: 'U123NURSE' } }]),
  ).db;
  const { db, audit } = unwrap(attempt([{ type: 'person.erase', personId: nurse.id }], businessTeam, withTeamsId));
  const erased = db.people.find((p) => p.id === nurse.id)!;

  it('replaces their name, email and chat ids with a pseudonym', () => {
    expect(erased).toMatchObject({ name: 'Erased person 1', email: 'erased-1@erased.invalid', teamsAadObjectId: null, slackUserId: null, roleTitles: [], active: false, inactiveFrom: '2026-11-20', erasedAt: at });
  });

  it('keeps their counted attendance and their place in histories: every published figure stands', () => {
    expect(db.attendance).toEqual(withTeamsId.attendance);
    expect(printed(db)).toEqual(printed(example));
    expect(deliveryPercent(db.actions.filter((a) => a.planId === PLAN.year2024)).percent).toBe(86);
    expect(db.actions).toEqual(withTeamsId.actions);
  });

  it('is audited without the erased values', () => {
    const text = JSON.stringify(audit);
    for (const value of [nurse.name, nurse.email, 'aad-named-nurse', 'U123NURSE', nurse.roleTitles[0]!]) expect(text).not.toContain(value);
    expect(audit).toMatchObject([{ command: 'person.erase', entity: 'person', entityId: nurse.id, before: { name: '(erased)', email: '(erased)' }, after: { name: 'Erased person 1' } }]);
    // What a store writes is the erased record, so no copy of the old one is left in a log either.
    expect(JSON.stringify(unwrap(attempt([{ type: 'person.erase', personId: nurse.id }], businessTeam, withTeamsId)).changes)).not.toContain(nurse.email);
  });

  it('is for the business team only (not the Executive), once, and the record then stays erased', () => {
    const executive = attempt([{ type: 'person.erase', personId: nurse.id }], { kind: 'person', personId: PERSON.councilDirector }, withTeamsId);
    expect(executive.success ? null : executive.error.code).toBe('access.not_business_team');
    expect(unwrap(attempt([{ type: 'person.erase', personId: nurse.id }], businessTeam, db)).audit).toEqual([]);
    const restored = attempt([{ type: 'person.upsert', person: { ...nurse } }], businessTeam, db);
    expect(restored.success ? null : restored.error.code).toBe('person.erased');
    const second = unwrap(attempt([{ type: 'person.erase', personId: PERSON.slamNamedNurse }], businessTeam, db)).db;
    expect(second.people.find((p) => p.id === PERSON.slamNamedNurse)?.email).toBe('erased-2@erased.invalid');
  });

  it('forgets their saved personal chat', () => {
    const chatted = unwrap(
      applyCommands(
        withTeamsId,
        [{ type: 'conversation.save', conversation: { key: 'teams:personal:nurse', channel: 'teams', scope: 'personal', personId: nurse.id, conversationId: 'a:nurse', reference: { user: { id: '29:aad-named-nurse', name: nurse.name } }, savedAt: at } }],
        { actor: { kind: 'system', name: 'bot' }, at },
      ),
    ).db;
    const outcome = unwrap(attempt([{ type: 'person.erase', personId: nurse.id }], businessTeam, chatted));
    expect(outcome.db.conversations).toEqual([]);
    expect(JSON.stringify(outcome.audit)).not.toContain('aad-named-nurse');
    expect(unwrap(applyRecordChanges(chatted, outcome.changes, { validate: true })).conversations).toEqual([]);
  });
});
