import { userInfo } from 'node:os';
import { fail, ok, type Actor, type CommandInput, type CommitResult, type Database, type Result, type Store } from '@partnership-tracker/core';
import { findPersonByEmail } from '../import/index.js';

/** The operating-system account running ptrack, as the audit names it. */
export function operatingSystemUser(env: Readonly<Record<string, string | undefined>> = process.env): string {
  try {
    const name = userInfo().username;
    if (name) return name;
  } catch {
    // No passwd entry (a container's arbitrary uid): fall back to what the shell says.
  }
  return env.USER || env.LOGNAME || env.USERNAME || 'unknown';
}

/**
 * The actor ptrack acts as when `--as` is not given: the business team's tool, run by an
 * operating-system account that can write the data file (which is what administering it means
 * for a file store). The audit names that account: `system:ptrack:alice`.
 */
export const CLI_ACTOR: Actor = { kind: 'system', name: `ptrack:${operatingSystemUser()}` };

/**
 * Who a change is made by: the active person with the `--as` email, so that core applies that
 * person's permission rules and the audit names them; or, with no `--as`, ptrack as the OS user.
 * An `--as` that names nobody in the register (or someone who has left) is a usage error.
 */
export function actorFor(db: Database, asEmail: string | undefined): Result<Actor> {
  if (asEmail === undefined) return ok(CLI_ACTOR);
  const person = findPersonByEmail(db, asEmail);
  if (!person) {
    return fail('usage.unknown_as', `--as ${asEmail}: no person in ${db.partnership.name} has that email address; --as names a person in the register, whose permissions then apply.`);
  }
  if (!person.active) return fail('usage.unknown_as', `--as ${asEmail}: ${person.name} has left the partnership, so cannot make changes.`);
  return ok({ kind: 'person', personId: person.id });
}

/** Commits `commands` as the person with the `--as` email (or as ptrack), under core's permission rules. */
export async function commitAs(store: Store, asEmail: string | undefined, commands: CommandInput[], at: string): Promise<Result<CommitResult>> {
  const actor = actorFor(await store.read(), asEmail);
  if (!actor.success) return actor;
  return store.commit(commands, { actor: actor.data, at });
}
