import { ok, type ActionStatus, type Result, type Store } from '@partnership-tracker/core';
import { commitAs } from './actor.js';

/** A progress update to one action, as typed on the command line. */
export interface ActionUpdateRequest {
  readonly ref: string;
  readonly progress?: number;
  readonly status?: ActionStatus;
  readonly note?: string;
  /** The email of the person making the update; core checks they own the action or are the business team. */
  readonly asEmail?: string;
}

/** Adds an update to an action's history, checked by core's permission rules; returns a sentence saying where it now stands. */
export async function updateAction(store: Store, request: ActionUpdateRequest, at: string): Promise<Result<string>> {
  const ref = request.ref.toUpperCase();
  const committed = await commitAs(
    store,
    request.asEmail,
    [{ type: 'action.update', ref, progress: request.progress ?? null, status: request.status ?? null, note: request.note ?? null }],
    at,
  );
  if (!committed.success) return committed;
  const action = (await store.read()).actions.find((a) => a.ref === ref)!;
  return ok(`${ref} is now ${action.progress}% done (${action.status}).`);
}
