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
import { redactAudit } from '../people/erasure.js';

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
  const system: Actor = { kind: 'system', name: 'bot' };
  // The nurse as the bot knows her: chat ids, a saved personal chat, a quarterly reminder sent,
  // and a colleague's note that names her.
  const known = (() => {
    let db = unwrap(attempt([{ type: 'person.upsert', person: { ...nurse, teamsAadObjectId: 'aad-named-nurse', slackUserId: 'U123NURSE' } }])).db;
    db = unwrap(
      applyCommands(
        db,
        [
          { type: 'conversation.save', conversation: { key: 'teams:personal:aad-named-nurse', channel: 'teams', scope: 'personal', personId: nurse.id, conversationId: 'a:nurse', reference: { user: { id: '29:aad-named-nurse', name: nurse.name } }, savedAt: at } },
          { type: 'outbox.claim', key: `please-update:${nurse.id}:2026-Q3` },
        ],
        { actor: system, at },
      ),
    ).db;
    const action = db.actions.find((a) => a.ownerId !== nurse.id && a.status !== 'withdrawn' && a.status !== 'complete')!;
    const owner: Actor = { kind: 'person', personId: action.ownerId! };
    return unwrap(applyCommands(db, [{ type: 'action.update', ref: action.ref, progress: action.progress, note: `Agreed with ${nurse.name} (${nurse.email.toUpperCase()}) at the panel` }], { actor: owner, at })).db;
  })();
  const references = (db: Database, id: string) => ({
    attendance: db.attendance.filter((l) => l.personId === id || l.deputisingForId === id).length,
    actions: db.actions.filter((a) => a.ownerId === id || a.history.some((h) => h.byId === id)).length,
    chairs: db.subgroups.filter((g) => g.chairId === id || g.deputyChairId === id).length,
    returns: db.returns.filter((r) => r.agencies.some((a) => a.contactId === id)).length + db.returnResponses.filter((r) => r.receivedById === id).length,
    outbox: db.outbox.filter((m) => m.key.includes(id)).length,
  });
  const outcome = unwrap(attempt([{ type: 'person.erase', personId: nurse.id }], businessTeam, known));
  const { db, audit, erasures } = outcome;
  const erased = db.people.find((p) => p.erasedAt !== null)!;
  const traces = [nurse.id, nurse.name, nurse.email, 'aad-named-nurse', 'U123NURSE'];

  it('replaces their id, name, email and chat ids with a pseudonym', () => {
    expect(erased).toMatchObject({ id: 'erased-person-1', name: 'Erased person 1', email: 'erased-1@erased.invalid', teamsAadObjectId: null, slackUserId: null, roleTitles: [], active: false, inactiveFrom: '2026-11-20', erasedAt: at });
    expect(db.people.some((p) => p.id === nurse.id)).toBe(false);
  });

  it('moves every reference to the pseudonym, so no record keeps a trace of them', () => {
    const before = references(known, nurse.id);
    // Each kind of reference is there to be moved: the test would pass vacuously otherwise.
    for (const count of Object.values(before)) expect(count).toBeGreaterThan(0);
    expect(references(db, erased.id)).toEqual(before);
    const records = JSON.stringify({ ...db, audit: [] });
    for (const trace of traces) expect(records.toLowerCase()).not.toContain(trace.toLowerCase());
    expect(db.actions.flatMap((a) => a.history).some((h) => h.note === 'Agreed with Erased person 1 (erased-1@erased.invalid) at the panel')).toBe(true);
  });

  it('keeps their counted attendance and their place in histories: every published figure stands', () => {
    expect(db.attendance).toHaveLength(known.attendance.length);
    expect(printed(db)).toEqual(printed(example));
    expect(printed(db, '2023/24')).toEqual(printed(example, '2023/24'));
    expect(deliveryPercent(db.actions.filter((a) => a.planId === PLAN.year2024)).percent).toBe(86);
    expect(db.actions.map((a) => a.history.length)).toEqual(known.actions.map((a) => a.history.length));
  });

  it('is audited without the erased values, and redacts the audit kept before it', () => {
    const text = JSON.stringify(audit);
    for (const value of [...traces, nurse.roleTitles[0]!]) expect(text).not.toContain(value);
    expect(audit[0]).toMatchObject({ command: 'person.erase', entity: 'person', entityId: erased.id, before: { name: '(erased)', email: '(erased)' }, after: { name: 'Erased person 1' } });
    // The history before it named her; as a store redacts it, it names only the pseudonym.
    expect(JSON.stringify(known.audit)).toContain(nurse.email);
    const redacted = redactAudit(db.audit, erasures);
    const history = JSON.stringify(redacted);
    for (const trace of traces) expect(history.toLowerCase()).not.toContain(trace.toLowerCase());
    expect(redacted.map((e) => [e.seq, e.at, e.command, e.entity])).toEqual(db.audit.map((e) => [e.seq, e.at, e.command, e.entity]));
    expect(redacted.filter((e) => e.redacted).length).toBeGreaterThan(10);
    expect(JSON.stringify(outcome)).toContain(nurse.email); // only in `erasures`, which no store writes
    expect(JSON.stringify({ ...outcome, erasures: [], db: null })).not.toContain(nurse.email);
  });

  it('gives the same records when replayed as a store replays it', () => {
    expect(unwrap(applyRecordChanges(known, outcome.changes, { validate: true }))).toEqual({ ...db, revision: known.revision, audit: known.audit });
  });

  it('never touches a record that shares their id: the scrutineer and the agency of the same name', () => {
    expect(example.agencies.some((a) => a.id === PERSON.scrutineer)).toBe(true);
    const after = unwrap(attempt([{ type: 'person.erase', personId: PERSON.scrutineer }])).db;
    expect(after.agencies).toEqual(example.agencies);
    expect(after.challenges).toEqual(example.challenges);
    expect(after.subgroups.flatMap((g) => g.members)).toEqual(example.subgroups.flatMap((g) => g.members));
    expect(printed(after)).toEqual(printed(example));
  });

  it('is for the business team only (not the Executive), once, and the record then stays erased', () => {
    const executive = attempt([{ type: 'person.erase', personId: nurse.id }], { kind: 'person', personId: PERSON.councilDirector }, known);
    expect(executive.success ? null : executive.error.code).toBe('access.not_business_team');
    expect(unwrap(attempt([{ type: 'person.erase', personId: erased.id }], businessTeam, db)).audit).toEqual([]);
    const restored = attempt([{ type: 'person.upsert', person: { ...nurse, id: erased.id } }], businessTeam, db);
    expect(restored.success ? null : restored.error.code).toBe('person.erased');
    const second = unwrap(attempt([{ type: 'person.erase', personId: PERSON.slamNamedNurse }], businessTeam, db)).db;
    expect(second.people.find((p) => p.email === 'erased-2@erased.invalid')?.id).toBe('erased-person-2');
  });

  it('forgets their saved personal chat', () => {
    expect(known.conversations).toHaveLength(1);
    expect(db.conversations).toEqual([]);
  });
});
