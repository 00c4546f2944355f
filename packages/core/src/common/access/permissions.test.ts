import { describe, expect, it } from 'vitest';
import type { Actor } from '../audit/auditEntry.js';
import { actors, sampleDatabase } from '../store/__fixtures__/sampleDatabase.js';
import { canAdminister, canRecordAttendance, canUpdateAction, isAdministrator, personOf } from './permissions.js';

const db = sampleDatabase();
const qag = db.subgroups.find((s) => s.id === 'qag')!;
const actionA1 = db.actions.find((a) => a.ref === 'A-1')!;

const outcome = (result: { success: boolean; error?: { code: string } }): string => (result.success ? 'allowed' : result.error!.code);

describe('who a person is', () => {
  it('finds an active person by id', () => {
    expect(personOf(db, actors.chair)?.name).toBe('Chloe Chair');
  });

  it('does not treat a person who left, a stranger or a system process as a person', () => {
    expect(personOf(db, actors.leaver)).toBeUndefined();
    expect(personOf(db, actors.stranger)).toBeUndefined();
    expect(personOf(db, actors.cli)).toBeUndefined();
  });
});

describe('administering the partnership', () => {
  it.each<[string, Actor, string]>([
    ['the CLI', actors.cli, 'allowed'],
    ['the scheduler', actors.scheduler, 'allowed'],
    ['the business team', actors.businessTeam, 'allowed'],
    ['a subgroup chair', actors.chair, 'access.not_business_team'],
    ['an action owner', actors.owner, 'access.not_business_team'],
    ['a business-team member who has left', actors.leaver, 'access.unknown_person'],
    ['a stranger', actors.stranger, 'access.unknown_person'],
  ])('%s: %s', (_who, actor, expected) => {
    expect(outcome(canAdminister(db, actor))).toBe(expected);
    expect(isAdministrator(db, actor)).toBe(expected === 'allowed');
  });

  it('names the unknown person and the partnership', () => {
    const result = canAdminister(db, actors.stranger);
    expect(result.success ? null : result.error).toMatchInlineSnapshot(`
      {
        "code": "access.unknown_person",
        "details": {
          "personId": "sam-stranger",
        },
        "message": "sam-stranger is not a known, active person in Croydon Safeguarding Children Partnership.",
      }
    `);
  });
});

describe('recording attendance', () => {
  it.each<[string, Actor, string]>([
    ['the chair', actors.chair, 'allowed'],
    ['the deputy chair', actors.deputy, 'allowed'],
    ['the business team', actors.businessTeam, 'allowed'],
    ['the CLI', actors.cli, 'allowed'],
    ['a member who does not chair', actors.bystander, 'attendance.not_chair'],
    ['an action owner', actors.owner, 'attendance.not_chair'],
    ['a stranger', actors.stranger, 'access.unknown_person'],
  ])('%s: %s', (_who, actor, expected) => {
    expect(outcome(canRecordAttendance(db, actor, qag))).toBe(expected);
  });

  it('tells a non-chair who may record the register', () => {
    const result = canRecordAttendance(db, actors.bystander, qag);
    expect(result.success ? null : result.error.message).toMatchInlineSnapshot(`"Only the chair or deputy chair of Quality Assurance Group (or the business team) can record its attendance."`);
  });
});

describe('updating an action', () => {
  it.each<[string, Actor, string]>([
    ['its owner', actors.owner, 'allowed'],
    ['the business team', actors.businessTeam, 'allowed'],
    ['the scheduler', actors.scheduler, 'allowed'],
    ['a chair who does not own it', actors.chair, 'action.not_owner'],
    ['someone else', actors.bystander, 'action.not_owner'],
    ['a stranger', actors.stranger, 'access.unknown_person'],
  ])('%s: %s', (_who, actor, expected) => {
    expect(outcome(canUpdateAction(db, actor, actionA1))).toBe(expected);
  });

  it('refuses an owner who has since left the partnership', () => {
    const left = { ...db, people: db.people.map((p) => (p.id === 'olu-owner' ? { ...p, active: false } : p)) };
    expect(outcome(canUpdateAction(left, actors.owner, actionA1))).toBe('access.unknown_person');
  });

  it('tells a non-owner who may update the action', () => {
    const result = canUpdateAction(db, actors.bystander, actionA1);
    expect(result.success ? null : result.error.message).toMatchInlineSnapshot(`"Only the owner of A-1 (or the business team) can update it."`);
  });
});
