import { fail, ok, type Result } from '../base/result.js';
import type { Database } from '../store/database.js';
import type { Action, BusinessPlan, Commitment } from './plan.js';

/**
 * Whether a plan's commitments point at things that exist: each priority is one of the plan's,
 * each action is in the register. The annual report prints both, so a dangling link is refused
 * when it is made, naming the commitment, rather than shown as a blank later.
 */
export function checkCommitmentLinks(db: Database, plan: Pick<BusinessPlan, 'name' | 'priorities' | 'commitments'>): Result<true> {
  const priorities = new Set(plan.priorities.map((p) => p.id));
  const actions = new Set(db.actions.map((a) => a.ref));
  for (const commitment of plan.commitments) {
    if (commitment.priorityId !== null && !priorities.has(commitment.priorityId)) {
      return fail('plan.unknown_priority', `${plan.name}, commitment "${commitment.said}": the plan has no priority "${commitment.priorityId}".`, { said: commitment.said });
    }
    const missing = commitment.actionRefs.filter((ref) => !actions.has(ref));
    if (missing.length > 0) {
      return fail('plan.unknown_action', `${plan.name}, commitment "${commitment.said}": there is no action ${missing.join(', ')}.`, { said: commitment.said, refs: missing });
    }
  }
  return ok(true);
}

/** A commitment with what it links to resolved: the priority's title and the actions themselves. */
export interface CommitmentLine {
  readonly commitment: Commitment;
  readonly priority: string | null;
  readonly actions: readonly Action[];
}

/** A plan's commitments in the plan's order, with their priority and actions looked up. */
export function commitmentLines(db: Database, plan: BusinessPlan): CommitmentLine[] {
  const actions = new Map(db.actions.map((a) => [a.ref, a] as const));
  return plan.commitments.map((commitment) => ({
    commitment,
    priority: plan.priorities.find((p) => p.id === commitment.priorityId)?.title ?? null,
    actions: commitment.actionRefs.flatMap((ref) => actions.get(ref) ?? []),
  }));
}

/** An action of one plan carried into another, with the action that carries it on. */
export interface CarriedOverAction {
  readonly original: Action;
  readonly successor: Action;
  readonly successorPlan: BusinessPlan | undefined;
}

/**
 * The actions of a plan that were carried over, from the links the carry-over made
 * (`carriedOverFrom`), in reference order. What the annual report lists as carried over is what
 * was carried, not a guess from which actions were unfinished.
 */
export function carriedOverActions(db: Database, fromPlanId: string): CarriedOverAction[] {
  const successors = new Map<string, Action>();
  for (const action of db.actions) {
    if (action.carriedOverFrom?.planId === fromPlanId && !successors.has(action.carriedOverFrom.ref)) successors.set(action.carriedOverFrom.ref, action);
  }
  const plans = new Map(db.plans.map((p) => [p.id, p] as const));
  return db.actions
    .filter((a) => a.planId === fromPlanId && successors.has(a.ref))
    .sort((a, b) => a.ref.localeCompare(b.ref, 'en', { numeric: true }))
    .map((original) => {
      const successor = successors.get(original.ref)!;
      return { original, successor, successorPlan: plans.get(successor.planId) };
    });
}
