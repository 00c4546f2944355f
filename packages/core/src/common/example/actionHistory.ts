import type { ActionSource, ActionStatus } from '../plan/plan.js';
import type { CommandInput } from '../store/commands.js';
import { londonTime, type Step } from './timeline.js';

/** How an action stands at the end of the example's history, and since when. */
export type Outcome =
  | { readonly kind: 'complete'; readonly on: string; readonly note: string }
  | { readonly kind: 'withdrawn'; readonly on: string; readonly note: string }
  | { readonly kind: 'open'; readonly status: Exclude<ActionStatus, 'complete' | 'withdrawn'>; readonly progress: number; readonly on: string | null; readonly note: string | null };

/** An action of the example: its fields, when it was created, and how it ended up. */
export interface ActionSpec {
  readonly ref: string;
  readonly planId: string;
  readonly priorityId: string;
  readonly title: string;
  readonly ownerId: string;
  readonly leadAgencyId: string;
  /** Agencies that lead it with `leadAgencyId`, where the work is the partnership's and theirs. */
  readonly alsoLedBy?: readonly string[];
  readonly due: string;
  readonly created: string;
  readonly source?: { readonly kind: ActionSource['kind']; readonly reference: string | null; readonly recordId?: string; readonly item?: number };
  readonly outcome: Outcome;
  /** The owner stopped sending quarterly updates after this date (a stale action). */
  readonly quietAfter?: string;
  /** Where a carried-over action started: the original's ref and its last progress and status. */
  readonly carriedOver?: { readonly planId: string; readonly ref: string; readonly progress: number; readonly status: ActionStatus };
}

/** The complete constructor for the specs' outcomes. */
export const complete = (on: string, note: string): Outcome => ({ kind: 'complete', on, note });
/** The withdrawn constructor for the specs' outcomes. */
export const withdrawn = (on: string, note: string): Outcome => ({ kind: 'withdrawn', on, note });
/** An action still open at the end of the history; `on` is its latest update, null for none. */
export const open = (status: Exclude<ActionStatus, 'complete' | 'withdrawn'>, progress: number, on: string | null, note: string | null = null): Outcome => ({
  kind: 'open',
  status,
  progress,
  on,
  note,
});

/**
 * The Fridays on which owners send their quarterly updates for the business plan report to the
 * QAG and the Executive.
 */
const reportingDays = [
  '2024-06-28', '2024-09-27', '2024-12-13', '2025-03-14',
  '2025-06-27', '2025-09-26', '2025-12-12', '2026-03-13', '2026-06-26', '2026-09-25',
];

const routineNotes = [
  'Lead confirmed and work scoped with partners.',
  'Progress reported to the Quality Assurance Group.',
  'Quarterly business plan update to the Executive.',
  'Partner returns received; next steps agreed.',
  'Reviewed at the subgroup; on course.',
  'Update for the quarterly report to the Executive.',
];

/**
 * The commands that build an action's history: its creation, a routine update each reporting
 * quarter while it is open, and the update that left it where the spec says.
 */
export function actionSteps(spec: ActionSpec): Step[] {
  const start = spec.carriedOver ?? { progress: 0, status: 'not-started' as ActionStatus };
  const create: Step = {
    at: londonTime(spec.created, '10:00'),
    commands: [
      {
        type: 'action.create',
        action: {
          ref: spec.ref,
          planId: spec.planId,
          priorityId: spec.priorityId,
          title: spec.title,
          ownerId: spec.ownerId,
          leadAgencyIds: [spec.leadAgencyId, ...(spec.alsoLedBy ?? [])],
          due: spec.due,
          status: start.status,
          progress: start.progress,
          source: spec.source ?? { kind: 'business-plan', reference: null },
          carriedOverFrom: spec.carriedOver ? { planId: spec.carriedOver.planId, ref: spec.carriedOver.ref } : null,
          note: spec.carriedOver ? `Carried over from ${spec.carriedOver.ref} of the CSCP Business Plan 2024/25.` : null,
        },
      },
    ],
  };
  const { outcome } = spec;
  const end = outcome.on;
  if (end === null) return [create];
  const finalProgress = outcome.kind === 'complete' ? 100 : outcome.kind === 'open' ? outcome.progress : start.progress;
  const quietAfter = spec.quietAfter ?? end;
  const routine = outcome.kind === 'withdrawn' ? [] : reportingDays.filter((day) => day > spec.created && day < end && day <= quietAfter);
  const steps: Step[] = [create];
  routine.forEach((day, index) => {
    // Progress climbs in fives towards where the action ended up, never reaching it early.
    const share = (index + 1) / (routine.length + 1);
    const progress = Math.min(95, Math.max(start.progress, Math.round((start.progress + (finalProgress - start.progress) * share) / 5) * 5));
    const lateTrouble = outcome.kind === 'open' && outcome.status === 'off-track' && index === routine.length - 1;
    const status: ActionStatus = progress === 0 ? 'not-started' : lateTrouble ? 'at-risk' : 'on-track';
    steps.push(update(spec.ref, day, '11:00', { progress, status, note: routineNotes[(index + spec.ref.length) % routineNotes.length]! }));
  });
  if (outcome.kind === 'complete') steps.push(update(spec.ref, end, '16:00', { status: 'complete', progress: 100, note: outcome.note }));
  else if (outcome.kind === 'withdrawn') steps.push(update(spec.ref, end, '16:00', { status: 'withdrawn', note: outcome.note }));
  else steps.push(update(spec.ref, end, '16:00', { status: outcome.status, progress: outcome.progress, note: outcome.note }));
  return steps;
}

function update(ref: string, date: string, time: string, change: { progress?: number; status: ActionStatus; note: string | null }): Step {
  const command: CommandInput = { type: 'action.update', ref, progress: change.progress ?? null, status: change.status, note: change.note };
  return { at: londonTime(date, time), commands: [command] };
}

/** A note-only update: the history records something without changing the status. */
export function noteStep(ref: string, date: string, time: string, note: string): Step {
  return { at: londonTime(date, time), commands: [{ type: 'action.update', ref, note }] };
}
