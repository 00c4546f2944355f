import { ok, type Result, type Store } from '@partnership-tracker/core';
import { commitAs } from './actor.js';

/** A withdrawal of an action, or an owner's proposal of one, as typed on the command line. */
export interface WithdrawRequest {
  readonly ref: string;
  /** Why: it goes into the action's history. */
  readonly reason: string;
  /** Only propose it (what an owner may do); the business team is told. */
  readonly propose?: boolean;
  readonly asEmail?: string;
}

/**
 * Withdraws an action (the business team or the Executive), or records its owner's proposal to;
 * returns a sentence saying which. A withdrawn action leaves the plan's delivery figure.
 */
export async function withdrawAction(store: Store, request: WithdrawRequest, at: string): Promise<Result<string>> {
  const ref = request.ref.toUpperCase();
  if (request.propose) {
    const proposed = await commitAs(store, request.asEmail, [{ type: 'action.proposeWithdrawal', ref, reason: request.reason }], at);
    if (!proposed.success) return proposed;
    return ok(`Recorded the proposal to withdraw ${ref} in its history; the business team will be told.`);
  }
  const committed = await commitAs(store, request.asEmail, [{ type: 'action.update', ref, status: 'withdrawn', note: request.reason }], at);
  if (!committed.success) {
    if (committed.error.code !== 'action.withdraw_not_allowed') return committed;
    return { success: false, error: { ...committed.error, message: `${committed.error.message} Add --propose to propose it.` } };
  }
  if (committed.data.audit.length === 0) return ok(`${ref} was already withdrawn; nothing changed.`);
  return ok(`${ref} is withdrawn, and no longer counts towards its plan's delivery.`);
}
