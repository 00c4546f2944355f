import { fail, ok, type Actor, type CommandInput, type CommitResult, type Database, type Result, type Store } from '@partnership-tracker/core';
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

/** Commits `commands` as the person with the `--as` email (or as ptrack), under core's permission rules. */
export async function commitAs(store: Store, asEmail: string | undefined, commands: CommandInput[], at: string): Promise<Result<CommitResult>> {
  const actor = actorFor(await store.read(), asEmail);
  if (!actor.success) return actor;
  return store.commit(commands, { actor: actor.data, at });
}
