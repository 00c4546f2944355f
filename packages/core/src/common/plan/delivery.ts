import { addDays, daysBetween } from '../base/dates.js';
import { ActionRef } from '../base/ids.js';
import { fail, ok, type Result } from '../base/result.js';
import type { LocalDate } from '../base/time.js';
import { roundHalfUp } from '../base/rounding.js';
import type { CommandInput } from '../store/commands.js';
import type { Database } from '../store/database.js';
import type { Action, ActionStatus, BusinessPlan } from './plan.js';

/** The red/amber/green rating the Executive's quarterly report gives an action. */
export type Rag = 'red' | 'amber' | 'green';

/** Which actions a list looks at: one plan's, or every plan's. */
export interface ActionListOptions {
  readonly planId?: string;
}

/** The days before its due date within which an action under half done turns amber. */
export const AMBER_WINDOW_DAYS = 30;

/** An action's status and progress at an instant, from its history; null if it did not exist yet. */
export function actionStateAt(action: Action, at: string): { status: ActionStatus; progress: number } | null {
  const moment = Date.parse(at);
  if (Date.parse(action.createdAt) > moment) return null;
  let state = action.history[0]!;
  for (const entry of action.history) {
    if (Date.parse(entry.at) <= moment) state = entry;
  }
  return { status: state.status, progress: state.progress };
}

/** Whether an action is still to be done: neither complete nor withdrawn. */
export function isOpen(action: Pick<Action, 'status'>): boolean {
  return action.status !== 'complete' && action.status !== 'withdrawn';
}

/**
 * The share of actions completed, leaving out withdrawn ones, rounded half up; null when no
 * action counts. With `at`, actions are taken as they stood then and later ones are left out.
 */
export function deliveryPercent(actions: readonly Action[], at?: string): { completed: number; counted: number; percent: number | null } {
  let completed = 0;
  let counted = 0;
  for (const action of actions) {
    const state = at === undefined ? action : actionStateAt(action, at);
    if (state === null || state.status === 'withdrawn') continue;
    counted += 1;
    if (state.status === 'complete') completed += 1;
  }
  return { completed, counted, percent: counted === 0 ? null : roundHalfUp(completed, counted) };
}

/**
 * Delivery of a plan by priority, in the plan's order, then a "No priority" line for actions
 * with none (or with a priority the plan no longer has), when there are any.
 */
export function deliveryByPriority(
  db: Database,
  planId: string,
  at?: string,
): Array<{ priorityId: string | null; title: string; completed: number; counted: number; percent: number | null }> {
  const plan = db.plans.find((p) => p.id === planId);
  if (!plan) return [];
  const actions = db.actions.filter((a) => a.planId === planId);
  const known = new Set(plan.priorities.map((p) => p.id));
  const lines = plan.priorities.map((priority) => ({
    priorityId: priority.id as string | null,
    title: priority.title,
    ...deliveryPercent(actions.filter((a) => a.priorityId === priority.id), at),
  }));
  const unassigned = actions.filter((a) => a.priorityId === null || !known.has(a.priorityId));
  if (unassigned.length > 0) lines.push({ priorityId: null, title: 'No priority', ...deliveryPercent(unassigned, at) });
  return lines;
}

/**
 * An action's RAG rating on a day: none when withdrawn; green when complete; red when off-track
 * or overdue; amber when at risk, or due within 30 days and under half done; else green.
 */
export function ragOf(action: Pick<Action, 'status' | 'progress' | 'due'>, today: LocalDate): Rag | null {
  if (action.status === 'withdrawn') return null;
  if (action.status === 'complete') return 'green';
  if (action.status === 'off-track' || action.due < today) return 'red';
  if (action.status === 'at-risk') return 'amber';
  if (daysBetween(today, action.due) <= AMBER_WINDOW_DAYS && action.progress < 50) return 'amber';
  return 'green';
}

/**
 * Open actions past their due date, soonest due first. An action that has been carried over
 * into another plan is left out: its successor carries the work.
 */
export function overdueActions(db: Database, today: LocalDate, options: ActionListOptions = {}): Action[] {
  return byDue(liveActions(db, options).filter((a) => a.due < today));
}

/** Open actions due from today to `withinDays` days ahead (14 by default), soonest due first. */
export function dueSoonActions(db: Database, today: LocalDate, withinDays = 14, options: ActionListOptions = {}): Action[] {
  const last = addDays(today, withinDays);
  return byDue(liveActions(db, options).filter((a) => a.due >= today && a.due <= last));
}

/** Open actions with no update for more than `days` days (30 by default), least recently updated first. */
export function staleActions(db: Database, now: string, days = 30, options: ActionListOptions = {}): Action[] {
  const cutoff = Date.parse(now) - days * 86_400_000;
  const lastUpdate = (action: Action): number => Date.parse(action.history[action.history.length - 1]!.at);
  return liveActions(db, options)
    .filter((a) => lastUpdate(a) < cutoff)
    .sort((a, b) => lastUpdate(a) - lastUpdate(b));
}

/**
 * The plan in force on a date: a plan (not a draft) whose start..end contains it, an active one
 * before a closed one; else the latest plan ending before the date.
 */
export function planCovering(db: Database, date: LocalDate): BusinessPlan | undefined {
  const plans = db.plans.filter((p) => p.status !== 'draft');
  const covering = plans.filter((p) => p.start <= date && date <= p.end);
  const best = covering.find((p) => p.status === 'active') ?? covering[0];
  if (best) return best;
  return plans.filter((p) => p.end < date).reduce<BusinessPlan | undefined>((latest, p) => (latest === undefined || p.end > latest.end ? p : latest), undefined);
}

/** How carried-over actions are numbered, prioritised and dated in the new plan. */
export interface CarryOverOptions {
  /** The new action's ref; by default the next free number with the same letter prefix (A-7 → A-31). */
  refFor?: (action: Action) => string;
  /** The new action's priority; by default the new plan's priority with the same id, else the same title, else none. */
  priorityFor?: (action: Action) => string | null;
  /** The new action's due date; by default the old one, so that a late action shows as late. */
  dueFor?: (action: Action) => LocalDate;
}

/**
 * The commands that carry a plan's open actions into another plan: one `action.create` each,
 * with the same title, owner, lead agency, source, status and progress, linked back through
 * `carriedOverFrom`. Actions already carried into the new plan are skipped, so it can be re-run.
 */
export function carryOverCommands(db: Database, fromPlanId: string, toPlanId: string, options: CarryOverOptions = {}): Result<CommandInput[]> {
  const from = db.plans.find((p) => p.id === fromPlanId);
  if (!from) return fail('plan.not_found', `There is no plan "${fromPlanId}" to carry actions over from.`);
  const to = db.plans.find((p) => p.id === toPlanId);
  if (!to) return fail('plan.not_found', `There is no plan "${toPlanId}" to carry actions over to.`);
  if (from.id === to.id) return fail('plan.same_plan', `Actions cannot be carried over from ${from.name} into itself.`);

  const alreadyCarried = new Set(
    db.actions.filter((a) => a.planId === to.id && a.carriedOverFrom?.planId === from.id).map((a) => a.carriedOverFrom!.ref),
  );
  const taken = new Set(db.actions.map((a) => a.ref));
  const commands: CommandInput[] = [];
  for (const action of db.actions) {
    if (action.planId !== from.id || !isOpen(action) || alreadyCarried.has(action.ref)) continue;
    const ref = options.refFor ? options.refFor(action) : nextFreeRef(action.ref, taken);
    if (!ActionRef.safeParse(ref).success) {
      return fail('action.bad_ref', `Carrying over ${action.ref}: "${ref}" is not an action reference like A-12.`, { ref: action.ref });
    }
    if (taken.has(ref)) {
      return fail('action.duplicate_ref', `Carrying over ${action.ref}: ${ref} is already taken.`, { ref: action.ref, newRef: ref });
    }
    taken.add(ref);
    const priorityId = options.priorityFor ? options.priorityFor(action) : matchingPriority(from, to, action.priorityId);
    if (priorityId !== null && !to.priorities.some((p) => p.id === priorityId)) {
      return fail('action.unknown_priority', `Carrying over ${action.ref}: ${to.name} has no priority "${priorityId}".`, { ref: action.ref });
    }
    commands.push({
      type: 'action.create',
      action: {
        ref,
        planId: to.id,
        priorityId,
        title: action.title,
        ownerId: action.ownerId,
        leadAgencyIds: action.leadAgencyIds,
        due: options.dueFor ? options.dueFor(action) : action.due,
        status: action.status,
        progress: action.progress,
        source: action.source,
        carriedOverFrom: { planId: from.id, ref: action.ref },
        note: `Carried over from ${from.name} (${action.ref})`,
      },
    });
  }
  return ok(commands);
}

/** Actions still to be done that no later plan has taken over, optionally of one plan. */
function liveActions(db: Database, options: ActionListOptions): Action[] {
  const superseded = new Set(db.actions.flatMap((a) => (a.carriedOverFrom ? [a.carriedOverFrom.ref] : [])));
  return db.actions.filter((a) => isOpen(a) && !superseded.has(a.ref) && (options.planId === undefined || a.planId === options.planId));
}

function byDue(actions: Action[]): Action[] {
  // A stable sort keeps register order among actions due the same day.
  return actions.sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : 0));
}

function nextFreeRef(ref: string, taken: ReadonlySet<string>): string {
  const prefix = ref.slice(0, ref.indexOf('-'));
  let highest = 0;
  for (const other of taken) {
    if (other.startsWith(`${prefix}-`)) highest = Math.max(highest, Number(other.slice(prefix.length + 1)));
  }
  return `${prefix}-${highest + 1}`;
}

function matchingPriority(from: BusinessPlan, to: BusinessPlan, priorityId: string | null): string | null {
  if (priorityId === null) return null;
  if (to.priorities.some((p) => p.id === priorityId)) return priorityId;
  const title = from.priorities.find((p) => p.id === priorityId)?.title.trim().toLowerCase();
  return to.priorities.find((p) => p.title.trim().toLowerCase() === title)?.id ?? null;
}
