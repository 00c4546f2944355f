import { z } from 'zod';
import { Id } from '../base/ids.js';
import { LocalDate } from '../base/time.js';

/** The kinds of case review a partnership runs, and the learning briefings it publishes. */
export const ReviewType = z.enum(['rapid-review', 'lcspr', 'case-of-concern', 'thematic-review', 'learning-briefing']);
export type ReviewType = z.infer<typeof ReviewType>;

/** What a rapid review decided: a local child safeguarding practice review, a thematic review, or neither. */
export const ReviewDecision = z.enum(['lcspr', 'thematic-review', 'no-further-review']);
export type ReviewDecision = z.infer<typeof ReviewDecision>;

/** The age bands the recurring-themes table groups children by. */
export const AgeBand = z.enum(['babies-and-toddlers', 'children', 'adolescents']);
export type AgeBand = z.infer<typeof AgeBand>;

/** Proceedings that hold a review back: its timescale stops while they last. */
export const ReviewHold = z
  .object({
    kind: z.enum(['criminal', 'coroner']),
    from: LocalDate,
    /** The last day of the hold, inclusive; null while it lasts. */
    to: LocalDate.nullable().default(null),
  })
  .refine((h) => h.to === null || h.to >= h.from, { message: 'a hold must end on or after it begins', path: ['to'] });
export type ReviewHold = z.infer<typeof ReviewHold>;

/** Whether and when a review is published. */
export const Publication = z.enum(['undecided', 'publish', 'not-published']);
export type Publication = z.infer<typeof Publication>;

/**
 * One recommendation of a review. Its work is done through ordinary actions whose source names
 * the review and this number; a recommendation for another board is recorded as handed over.
 */
export const Recommendation = z.object({
  number: z.number().int().positive(),
  text: z.string().trim().min(1),
  /** The board or partnership it was handed to (e.g. "Croydon Safeguarding Adults Board"); null when it is ours. */
  handedTo: z.string().trim().min(1).nullable().default(null),
});
export type Recommendation = z.infer<typeof Recommendation>;

/**
 * A case review in the Review Group's register, known only by its codename: the register never
 * holds a child's name or date of birth.
 */
export const Review = z.object({
  id: Id,
  codename: z.string().trim().min(1).max(80),
  type: ReviewType,
  /** The day the serious incident was notified (or the case referred); null for a briefing. */
  notifiedOn: LocalDate.nullable().default(null),
  rapidReviewMeetingOn: LocalDate.nullable().default(null),
  decisionOn: LocalDate.nullable().default(null),
  decision: ReviewDecision.nullable().default(null),
  decisionRationale: z.string().trim().min(1).nullable().default(null),
  /** When the Child Safeguarding Practice Review Panel was told of the decision. */
  panelToldOn: LocalDate.nullable().default(null),
  reviewer: z.string().trim().min(1).nullable().default(null),
  holds: z.array(ReviewHold).default([]),
  /** The day it was completed: a rapid review sent to the Panel, a practice review's report signed off. */
  completedOn: LocalDate.nullable().default(null),
  /** Why it was late, in the Review Group's words, when it was. */
  lateReason: z.string().trim().min(1).nullable().default(null),
  publication: Publication.default('undecided'),
  publishedOn: LocalDate.nullable().default(null),
  themes: z.array(z.string().trim().min(1)).default([]),
  ageBand: AgeBand.nullable().default(null),
  recommendations: z.array(Recommendation).default([]),
});
export type Review = z.infer<typeof Review>;

/** How long reviews may take: the partnership's own timescales, by default Working Together 2023's. */
export const ReviewTimescales = z.object({
  /** A rapid review is completed and sent to the Panel within this many working days of the notification. */
  rapidReviewWorkingDays: z.number().int().positive().default(15),
  /** A practice review (local or thematic) is completed within this many months of the decision to hold it. */
  practiceReviewMonths: z.number().int().positive().default(6),
});
export type ReviewTimescales = z.infer<typeof ReviewTimescales>;

/** Working Together 2023's timescales. */
export const WORKING_TOGETHER_TIMESCALES: ReviewTimescales = ReviewTimescales.parse({});

/** How people read each type, as the annual report names them. */
export const REVIEW_TYPE_LABELS: Readonly<Record<ReviewType, string>> = {
  'rapid-review': 'Rapid review',
  lcspr: 'Local child safeguarding practice review',
  'case-of-concern': 'Case of concern',
  'thematic-review': 'Thematic review',
  'learning-briefing': 'Learning briefing',
};

/** How people read each age band. */
export const AGE_BAND_LABELS: Readonly<Record<AgeBand, string>> = {
  'babies-and-toddlers': 'Babies and toddlers',
  children: 'Children',
  adolescents: 'Adolescents',
};
