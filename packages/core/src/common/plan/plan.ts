import { z } from 'zod';
import { ActionRef, Id } from '../base/ids.js';
import { Instant, LocalDate } from '../base/time.js';

/** A priority of a business plan. */
export const Priority = z.object({
  id: Id,
  title: z.string().min(1),
  description: z.string().nullable().default(null),
});
export type Priority = z.infer<typeof Priority>;

/**
 * A "what we said / what we delivered" line of a plan, as the annual report prints it: the
 * priority it serves and the actions that delivered it, when the business team has linked them.
 */
export const Commitment = z.object({
  said: z.string().min(1),
  delivered: z.string().nullable().default(null),
  priorityId: Id.nullable().default(null),
  actionRefs: z.array(ActionRef).default([]),
});
export type Commitment = z.infer<typeof Commitment>;

/** A business plan covering a period, e.g. "2025–27". */
export const BusinessPlan = z
  .object({
    id: Id,
    name: z.string().min(1),
    /** First and last day the plan covers, inclusive. */
    start: LocalDate,
    end: LocalDate,
    status: z.enum(['draft', 'active', 'closed']).default('active'),
    priorities: z.array(Priority).default([]),
    commitments: z.array(Commitment).default([]),
  })
  .refine((p) => p.end >= p.start, { message: 'must end on or after its start', path: ['end'] });
export type BusinessPlan = z.infer<typeof BusinessPlan>;

/** Where an action is up to. */
export const ActionStatus = z.enum(['not-started', 'on-track', 'at-risk', 'off-track', 'complete', 'withdrawn']);
export type ActionStatus = z.infer<typeof ActionStatus>;

/** An action's status as people read it: `on-track` → `On track`, in the order they choose from. */
export const ACTION_STATUS_LABELS: Readonly<Record<ActionStatus, string>> = {
  'not-started': 'Not started',
  'on-track': 'On track',
  'at-risk': 'At risk',
  'off-track': 'Off track',
  complete: 'Complete',
  withdrawn: 'Withdrawn',
};

/** Where an action came from. */
export const ActionSource = z.object({
  kind: z.enum(['business-plan', 'review-recommendation', 'audit', 'executive', 'inspection', 'challenge', 'self-assessment']).default('business-plan'),
  /** What it came from, e.g. "Baby Eva LCSPR, recommendation 3". */
  reference: z.string().min(1).nullable().default(null),
  /**
   * The register record it came from (a review, an audit, an inspection, a challenge, an agency's
   * response to a self-assessment), when it is in one; left out otherwise, so actions from before
   * the registers read as they did.
   */
  recordId: Id.optional(),
  /** Which of the record's recommendations, action-plan items or areas it answers, numbered from 1. */
  item: z.number().int().positive().optional(),
});
export type ActionSource = z.infer<typeof ActionSource>;

/** An action's lead agencies: each named once. */
export const LeadAgencyIds = z
  .array(Id)
  .default([])
  .refine((ids) => new Set(ids).size === ids.length, { message: 'names a lead agency twice' });

/** One entry of an action's append-only history. */
export const ActionUpdate = z.object({
  at: Instant,
  byId: z.string().min(1),
  progress: z.number().int().min(0).max(100),
  status: ActionStatus,
  note: z.string().nullable().default(null),
  /** The chat message or request that made this update, so a retried submission is recorded once. */
  requestId: z.string().min(1).nullable().default(null),
  /** A change its author proposed but may not make (an owner proposing to withdraw); `note` says why. */
  proposal: z.enum(['withdraw']).nullable().default(null),
});
export type ActionUpdate = z.infer<typeof ActionUpdate>;

/**
 * An action of a business plan. `status` and `progress` are the latest history entry's; the
 * history always holds at least the entry that created the action.
 */
export const Action = z
  .object({
    ref: ActionRef,
    planId: Id,
    priorityId: Id.nullable().default(null),
    title: z.string().min(1),
    ownerId: Id.nullable().default(null),
    /**
     * The agencies leading it, the principal one first: several where a finding is for the
     * partnership and individual agencies; none when no agency is named.
     */
    leadAgencyIds: LeadAgencyIds,
    due: LocalDate,
    status: ActionStatus,
    progress: z.number().int().min(0).max(100),
    source: ActionSource.default({ kind: 'business-plan', reference: null }),
    carriedOverFrom: z.object({ planId: Id, ref: ActionRef }).nullable().default(null),
    /** Reminders for this action are not sent before this date. */
    snoozedUntil: LocalDate.nullable().default(null),
    createdAt: Instant,
    history: z.array(ActionUpdate).min(1),
  })
  .refine(
    (a) => {
      const last = a.history[a.history.length - 1];
      return last !== undefined && last.status === a.status && last.progress === a.progress;
    },
    { message: 'status and progress must equal the latest history entry', path: ['status'] },
  )
  .refine((a) => a.status !== 'complete' || a.progress === 100, {
    message: 'a complete action has progress 100',
    path: ['progress'],
  });
export type Action = z.infer<typeof Action>;
