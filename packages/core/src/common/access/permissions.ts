import type { Actor } from '../audit/auditEntry.js';
import { fail, ok, type Result } from '../base/result.js';
import type { Person } from '../people/person.js';
import type { Action } from '../plan/plan.js';
import type { Database } from '../store/database.js';
import type { RegisterName, Subgroup } from '../subgroups/subgroup.js';

// Each people list's positions by id, keyed by the list itself: lists are never changed once part
// of a database (as registerIndex.ts relies on), so an index stays true while its list lives. Every
// change and every turn asks who the actor is, often twice; a scan of the list was half of what
// applyCommands cost at 10x (2,000 people; docs/performance.md, issue 13).
const peopleIndexes = new WeakMap<readonly Person[], { readonly length: number; readonly positions: ReadonlyMap<string, readonly number[]> }>();

function positionsOf(people: readonly Person[], id: string): readonly number[] {
  let index = peopleIndexes.get(people);
  if (index === undefined || index.length !== people.length) {
    const positions = new Map<string, number[]>();
    people.forEach((person, position) => {
      const known = positions.get(person.id);
      if (known === undefined) positions.set(person.id, [position]);
      else known.push(position);
    });
    index = { length: people.length, positions };
    peopleIndexes.set(people, index);
  }
  return index.positions.get(id) ?? [];
}

/** The person behind an actor, if the actor is a known, active person. */
export function personOf(db: Database, actor: Actor): Person | undefined {
  if (actor.kind !== 'person') return undefined;
  for (const position of positionsOf(db.people, actor.personId)) {
    const person = db.people[position];
    if (person?.id === actor.personId && person.active) return person;
  }
  return undefined;
}

/** System processes (the CLI run by the business team, the scheduler) and the business team administer. */
export function isAdministrator(db: Database, actor: Actor): boolean {
  if (actor.kind === 'system') return true;
  return personOf(db, actor)?.roles.includes('business-team') ?? false;
}

/** Only administrators change the register, funding, plans and settings. */
export function canAdminister(db: Database, actor: Actor): Result<true> {
  if (isAdministrator(db, actor)) return ok(true);
  return unknownOr(db, actor, 'access.not_business_team', 'Only the business team can change this.');
}

/** A subgroup's chair or deputy records its attendance; so may the business team. */
export function canRecordAttendance(db: Database, actor: Actor, subgroup: Subgroup): Result<true> {
  if (isAdministrator(db, actor) || chairs(db, actor, subgroup)) return ok(true);
  return unknownOr(
    db,
    actor,
    'attendance.not_chair',
    `Only the chair or deputy chair of ${subgroup.name} (or the business team) can record its attendance.`,
  );
}

/** A subgroup's chair or deputy chooses the channel its digests are posted to; so may the business team. */
export function canChooseDigestChannel(db: Database, actor: Actor, subgroup: Subgroup): Result<true> {
  if (isAdministrator(db, actor) || chairs(db, actor, subgroup)) return ok(true);
  return unknownOr(
    db,
    actor,
    'subgroup.not_chair',
    `Only the chair or deputy chair of ${subgroup.name} (or the business team) can choose where its digests are posted.`,
  );
}

/**
 * Only the business team exports files: the registers and the plan name people and what they
 * did, beyond the published tables that anyone in the partnership may read.
 */
export function canExport(db: Database, actor: Actor): Result<true> {
  if (isAdministrator(db, actor)) return ok(true);
  return unknownOr(db, actor, 'export.not_business_team', 'Exported files are for the business team: they hold the registers and the plan with people\'s names.');
}

/** An action's owner updates it; so may the business team. */
export function canUpdateAction(db: Database, actor: Actor, action: Action): Result<true> {
  if (isAdministrator(db, actor)) return ok(true);
  const person = personOf(db, actor);
  if (person && action.ownerId === person.id) return ok(true);
  return unknownOr(db, actor, 'action.not_owner', `Only the owner of ${action.ref} (or the business team) can update it.`);
}

/** Whether the actor is an active person who chairs or deputy-chairs the subgroup. */
function chairs(db: Database, actor: Actor, subgroup: Subgroup): boolean {
  const person = personOf(db, actor);
  return person !== undefined && (subgroup.chairId === person.id || subgroup.deputyChairId === person.id);
}

function unknownOr(db: Database, actor: Actor, code: string, message: string): Result<never> {
  if (actor.kind === 'person' && personOf(db, actor) === undefined) {
    return fail('access.unknown_person', `${actor.personId} is not a known, active person in ${db.partnership.name}.`, {
      personId: actor.personId,
    });
  }
  return fail(code, message);
}

/** Whether an actor speaks for the Executive: a person with the executive role, or its chair or deputy chair. */
export function isExecutive(db: Database, actor: Actor): boolean {
  const person = personOf(db, actor);
  if (!person) return false;
  if (person.roles.includes('executive')) return true;
  return db.subgroups.some((s) => s.kind === 'executive' && (s.chairId === person.id || s.deputyChairId === person.id));
}

/**
 * Withdrawing an action takes it out of the plan's delivery figure, and reopening a completed or
 * withdrawn one puts it back: both change what the partnership reports, so they are for the
 * business team or the Executive, not the owner (who may propose a withdrawal instead).
 */
export function canCloseOrReopenAction(db: Database, actor: Actor, action: Action, reopening: boolean): Result<true> {
  if (isAdministrator(db, actor) || isExecutive(db, actor)) return ok(true);
  const owner = personOf(db, actor)?.id === action.ownerId && action.ownerId !== null;
  const what = reopening ? `reopen ${action.ref}` : `withdraw ${action.ref}`;
  return unknownOr(
    db,
    actor,
    reopening ? 'action.reopen_not_allowed' : 'action.withdraw_not_allowed',
    `Only the business team or the Executive can ${what}: it changes the plan's delivery figure.${owner && !reopening ? ' As its owner you can propose the withdrawal, with your reason, and the business team will be told.' : ''}`,
  );
}

const REGISTER_WORDS: Readonly<Record<RegisterName, string>> = {
  reviews: 'the reviews register',
  audits: 'the audit programme',
  inspections: 'the inspections register',
  challenge: 'the challenge log',
};

/**
 * A register is maintained, as the plan is, by the business team, and by the chair and deputy
 * chair of the group that holds it (`Subgroup.maintains`: the Review Group holds the reviews).
 * The challenge log is also the Executive's: its members maintain it wherever it is held.
 */
export function canMaintainRegister(db: Database, actor: Actor, register: RegisterName): Result<true> {
  if (isAdministrator(db, actor)) return ok(true);
  if (register === 'challenge' && isExecutive(db, actor)) return ok(true);
  const holders = db.subgroups.filter((s) => s.maintains.includes(register));
  if (holders.some((s) => chairs(db, actor, s))) return ok(true);
  const groups = [...(register === 'challenge' ? ['the Executive'] : []), ...holders.map((s) => `the chair or deputy chair of ${s.name}`)];
  const who = groups.length === 0 ? 'the business team' : `${groups.join(' or ')} (or the business team)`;
  return unknownOr(db, actor, 'register.not_maintainer', `Only ${who} can change ${REGISTER_WORDS[register]}.`);
}

/** Whether an actor is an active person with the partnership's scrutineer role. */
export function isScrutineer(db: Database, actor: Actor): boolean {
  return personOf(db, actor)?.roles.includes('scrutineer') ?? false;
}

/**
 * Who may write an entry of the challenge log: those who maintain it (the business team and the
 * Executive) may write any; a scrutineer may log a new challenge raised by a scrutineer, and
 * leaves the response, outcome and impact to them.
 */
export function canLogChallenge(db: Database, actor: Actor, challenge: { raisedBy: string }, isNew: boolean): Result<true> {
  const maintains = canMaintainRegister(db, actor, 'challenge');
  if (maintains.success || !isScrutineer(db, actor)) return maintains;
  if (isNew && (challenge.raisedBy === 'independent-scrutineer' || challenge.raisedBy === 'young-scrutineer')) return ok(true);
  return fail(
    'challenge.scrutineer_logs_new',
    isNew
      ? 'A scrutineer logs the challenge scrutineers raise; the business team or the Executive logs the rest.'
      : 'A scrutineer logs new challenge; the business team or the Executive records its response, outcome and impact.',
  );
}
