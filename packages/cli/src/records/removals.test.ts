import { EXAMPLE_IDS, examplePartnership, incomeTable, MemoryStore, unwrap } from '@partnership-tracker/core';
import { describe, expect, it } from 'vitest';
import { correctMembership, endMembership, erasePerson, removeIncome, removeMeeting, removeSpending } from './index.js';

const at = '2026-11-23T12:00:00Z';
const { agencies: AGENCY, subgroups: SUBGROUP } = EXAMPLE_IDS;
const storeOf = () => new MemoryStore(examplePartnership());
const housing = examplePartnership().agencies.find((a) => a.id === AGENCY.housing)!.name;

describe('removeIncome and removeSpending', () => {
  it('remove a line named as the table shows it, whatever its case', async () => {
    const store = storeOf();
    expect(await removeIncome(store, { year: '2024/25', line: 'income from phew platform' }, at)).toEqual({
      success: true,
      data: 'Removed the 2024/25 income line "Income from PHEW platform" (£12,054, income-2024-25-phew); the audit keeps it as it was.',
    });
    expect(incomeTable(await store.read(), '2024/25').lines.map((l) => l.label)).not.toContain('Income from PHEW platform');
    unwrap(await removeSpending(store, { year: '2024/25', line: 'TASP membership' }, at));
    expect((await store.read()).expenditure.some((e) => e.financialYear === '2024/25' && e.category === 'TASP membership')).toBe(false);
  });

  it('take an agency for its one line, and ask which when it gave several', async () => {
    const store = storeOf();
    expect(unwrap(await removeIncome(store, { year: '2024/25', line: 'Probation Service' }, at))).toMatch(/^Removed the 2024\/25 income line "National Probation Service" /);
    const police = await removeIncome(store, { year: '2024/25', line: 'MPS' }, at);
    expect(police.success ? null : police.error.message).toMatch(/^2024\/25 has 2 income lines from .+: "Met Police \(MOPAC\)" income-2024-25-police-mopac \(£5,000\), "Met Police \(South BCU\)" income-2024-25-police-south-bcu \(£5,000\)\. Name the one to remove by its label or id\.$/);
  });

  it('name what does not exist, and change nothing', async () => {
    const store = storeOf();
    const before = await store.read();
    const missing = await removeSpending(store, { year: '2024/25', line: 'Catering' }, at);
    expect(missing.success ? null : missing.error.message).toMatch(/^2024\/25 has no spending line "Catering"; its lines are: "Staff & related costs", /);
    expect(await store.read()).toBe(before);
  });
});

describe('removeMeeting', () => {
  it('asks for --with-register before removing a meeting with a register, then removes both', async () => {
    const store = storeOf();
    const refused = await removeMeeting(store, { meetingId: 'review-group-2024-09-10' }, at);
    expect(refused.success ? null : refused.error.message).toMatch(/remove it with its register only if the meeting never took place \(add --with-register\)\./);
    const done = unwrap(await removeMeeting(store, { meetingId: 'review-group-2024-09-10', withRegister: true }, at));
    expect(done).toMatch(/^Removed meeting review-group-2024-09-10 and its register of \d+ lines; the audit keeps them as they were\.$/);
  });
});

describe('endMembership and correctMembership', () => {
  it('end a membership and correct a mistyped join date, by group and agency name', async () => {
    const store = storeOf();
    expect(unwrap(await endMembership(store, { subgroup: 'Review Group', agency: housing, left: '2026-03-31' }, at))).toBe(`${housing} is a member of Review Group until 2026-03-31, its last day.`);
    expect(unwrap(await correctMembership(store, { subgroup: 'Review Group', agency: housing, joined: '2023-02-01' }, at))).toBe(
      `${housing}'s membership of Review Group is now from 2023-02-01 to 2026-03-31.`,
    );
    expect(unwrap(await correctMembership(store, { subgroup: 'Review Group', agency: housing, remove: true }, at))).toBe(`Removed ${housing}'s membership of Review Group; the audit keeps it as it was.`);
    expect((await store.read()).subgroups.find((s) => s.id === SUBGROUP.review)!.members.some((m) => m.agencyId === AGENCY.housing)).toBe(false);
  });

  it('names an unknown group', async () => {
    const result = await endMembership(storeOf(), { subgroup: 'Finance', agency: housing, left: '2026-03-31' }, at);
    expect(result.success ? null : result.error.message).toBe('--subgroup: there is no group "Finance"; the groups are Executive, Review, QAG, Editorial.');
  });
});

describe('erasePerson', () => {
  it('pseudonymises the person, for the business team only', async () => {
    const store = storeOf();
    const refused = await erasePerson(store, { email: 'named.nurse@chs.example', asEmail: 'director.cype@croydon.example' }, at);
    expect(refused.success ? null : refused.error.code).toBe('access.not_business_team');
    expect(unwrap(await erasePerson(store, { email: 'named.nurse@chs.example' }, at))).toBe(
      'Erased the person with that email: they are now "Erased person 1" (erased-1@erased.invalid, id erased-person-1), with no chat ids, and the history kept before names only that. Their attendance still counts where it counted, and their place in action histories stays.',
    );
    const db = await store.read();
    expect(db.people.some((p) => p.email === 'named.nurse@chs.example')).toBe(false);
    expect(JSON.stringify(db.audit.at(-1))).not.toContain('named.nurse@chs.example');
  });
});
