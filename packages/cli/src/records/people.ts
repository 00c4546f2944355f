import { fail, localDateOf, ok, type Database, type Person, type Result, type Store } from '@partnership-tracker/core';
import { AgencyDirectory, findPersonByEmail } from '../import/index.js';
import { commitAs } from './actor.js';

/** The person with an email, or a failure naming the email. */
export function personByEmail(db: Database, email: string): Result<Person> {
  const person = findPersonByEmail(db, email);
  return person ? ok(person) : fail('person.not_found', `No person has the email address "${email}".`);
}

/** A move of a person to another agency (or to none), as typed on the command line. */
export interface MoveRequest {
  readonly email: string;
  /** The agency's name, alias or id; null for no agency. */
  readonly agency: string | null;
  /** The first day with the new agency; by default the day of the change. */
  readonly from?: string;
  readonly asEmail?: string;
}

/** Records that a person is with another agency from a date; registers already recorded keep counting where they did. */
export async function movePerson(store: Store, request: MoveRequest, at: string): Promise<Result<string>> {
  const db = await store.read();
  const person = personByEmail(db, request.email);
  if (!person.success) return person;
  let agencyId: string | null = null;
  if (request.agency !== null) {
    const agency = new AgencyDirectory(db.agencies).find(request.agency);
    if (!agency) return fail('person.unknown_agency', `--agency: unknown agency "${request.agency}"; add it with \`ptrack import agencies\` first.`);
    agencyId = agency.id;
  }
  const from = request.from ?? localDateOf(at, db.partnership.timeZone);
  const committed = await commitAs(store, request.asEmail, [{ type: 'person.move', personId: person.data.id, agencyId, from }], at);
  if (!committed.success) return committed;
  const where = agencyId === null ? 'no agency' : db.agencies.find((a) => a.id === agencyId)!.name;
  if (committed.data.audit.length === 0) return ok(`${person.data.name} is already with ${where} from ${from}; nothing changed.`);
  return ok(`${person.data.name} is with ${where} from ${from}. Registers already recorded still count for the agency of the time.`);
}

/** A person leaving the partnership, as typed on the command line. */
export interface LeaveRequest {
  readonly email: string;
  /** The first day they are no longer with the partnership; by default the day of the change. */
  readonly on?: string;
  readonly asEmail?: string;
}

/** Makes a person inactive from a date: no more reminders or register lines, their history kept. */
export async function personLeaves(store: Store, request: LeaveRequest, at: string): Promise<Result<string>> {
  const db = await store.read();
  const person = personByEmail(db, request.email);
  if (!person.success) return person;
  const on = request.on ?? localDateOf(at, db.partnership.timeZone);
  const committed = await commitAs(store, request.asEmail, [{ type: 'person.leave', personId: person.data.id, on }], at);
  if (!committed.success) return committed;
  return ok(`${person.data.name} is inactive from ${on}; their attendance and history are kept.`);
}

/** Changes a person's email address: the one way to, since an import matches people on it. */
export async function changeEmail(store: Store, request: { email: string; newEmail: string; asEmail?: string }, at: string): Promise<Result<string>> {
  const db = await store.read();
  const person = personByEmail(db, request.email);
  if (!person.success) return person;
  const committed = await commitAs(store, request.asEmail, [{ type: 'person.changeEmail', personId: person.data.id, email: request.newEmail }], at);
  if (!committed.success) return committed;
  const now = (await store.read()).people.find((p) => p.id === person.data.id)!;
  if (committed.data.audit.length === 0) return ok(`${person.data.name}'s email is already ${now.email}; nothing changed.`);
  return ok(`${person.data.name}'s email is now ${now.email} (was ${person.data.email}).`);
}

/**
 * Erases a person on a GDPR request: their name, email and chat ids become a pseudonym; their
 * counted attendance and place in histories stay. The business team's alone; the audit entry
 * holds none of the erased values.
 */
export async function erasePerson(store: Store, request: { email: string; asEmail?: string }, at: string): Promise<Result<string>> {
  const db = await store.read();
  const person = personByEmail(db, request.email);
  if (!person.success) return person;
  const committed = await commitAs(store, request.asEmail, [{ type: 'person.erase', personId: person.data.id }], at);
  if (!committed.success) return committed;
  // The person is filed under a new id: the audit's erasure entry names it.
  const pseudonymId = committed.data.audit.find((entry) => entry.command === 'person.erase' && entry.entity === 'person')?.entityId;
  const now = (await store.read()).people.find((p) => p.id === pseudonymId)!;
  return ok(
    `Erased the person with that email: they are now "${now.name}" (${now.email}, id ${now.id}), with no chat ids, and the history kept before names only that. Their attendance still counts where it counted, and their place in action histories stays.`,
  );
}
