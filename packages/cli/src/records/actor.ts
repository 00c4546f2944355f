import { fail, ok, type Actor, type Database, type Result } from '@partnership-tracker/core';
import { findPersonByEmail } from '../import/index.js';

/** The actor ptrack acts as when `--as` is not given: the business team's own tool. */
export const CLI_ACTOR: Actor = { kind: 'system', name: 'ptrack' };

/**
 * Who a change is made by: the person with the `--as` email, so that core applies the same
 * permission rules as in the bot, or the CLI itself when no email is given.
 */
export function actorFor(db: Database, asEmail: string | undefined): Result<Actor> {
  if (asEmail === undefined) return ok(CLI_ACTOR);
  const person = findPersonByEmail(db, asEmail);
  if (!person) return fail('access.unknown_person', `--as ${asEmail}: no person in ${db.partnership.name} has that email address.`);
  return ok({ kind: 'person', personId: person.id });
}
