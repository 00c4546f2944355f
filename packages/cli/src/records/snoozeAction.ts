import { ok, type Result, type Store } from '@partnership-tracker/core';
import { commitAs } from './actor.js';

/** Silencing (or restoring) an action's reminders, as typed on the command line. */
export interface SnoozeRequest {
  readonly ref: string;
  /** The last day with no reminders; null turns them back on. */
  readonly until: string | null;
  readonly asEmail?: string;
}

/** Snoozes an action's reminders, checked by core's permission rules (the owner or the business team). */
export async function snoozeAction(store: Store, request: SnoozeRequest, at: string): Promise<Result<string>> {
  const ref = request.ref.toUpperCase();
  const committed = await commitAs(store, request.asEmail, [{ type: 'action.snooze', ref, until: request.until }], at);
  if (!committed.success) return committed;
  return ok(request.until === null ? `Reminders for ${ref} are back on.` : `No reminders for ${ref} until ${request.until}.`);
}
