import { z } from 'zod';
import { Id } from '../base/ids.js';
import { LocalDate } from '../base/time.js';
import { FinancialYearLabel } from '../funding/funding.js';

/** How a course is delivered: live sessions people book, or an eLearning module. */
export const TrainingDelivery = z.enum(['in-person', 'elearning']);
export type TrainingDelivery = z.infer<typeof TrainingDelivery>;

/** A course in the partnership's training offer, as the learning system names it. */
export const TrainingCourse = z.object({
  id: Id,
  title: z.string().trim().min(1),
  delivery: TrainingDelivery.default('in-person'),
});
export type TrainingCourse = z.infer<typeof TrainingCourse>;

/**
 * What became of a booking. A booking cancelled by the trainer (a session called off for too few
 * sign-ups) is the partnership's doing, not the attendee's, so annual reports count it apart from
 * no-shows and the attendee's own cancellations.
 */
export const BookingOutcome = z.enum(['attended', 'no-show', 'cancelled-by-attendee', 'cancelled-by-trainer']);
export type BookingOutcome = z.infer<typeof BookingOutcome>;

/**
 * One booking on a live session, as the learning system exports it. It names no learner: the
 * figures need the organisation and sector, not the person.
 */
export const TrainingBooking = z.object({
  /** The learning system's booking reference, so that a re-import updates rather than duplicates. */
  id: Id,
  courseId: Id,
  /** The learning system's session reference; sessions of one course on one day are told apart by it. */
  sessionId: z.string().trim().min(1),
  sessionDate: LocalDate,
  /** The agency in the register the learner booked from, when it is one. */
  agencyId: Id.nullable().default(null),
  /** The organisation as the learning system recorded it, when it is not in the register. */
  organisation: z.string().trim().min(1).nullable().default(null),
  /** The sector as the learning system recorded it (`Early Years`, `Sports & Recreation`); blank takes the agency's. */
  sector: z.string().trim().min(1).nullable().default(null),
  role: z.string().trim().min(1).nullable().default(null),
  outcome: BookingOutcome,
  /** Why it was cancelled, as given; null for a booking attended or missed. */
  reason: z.string().trim().min(1).nullable().default(null),
});
export type TrainingBooking = z.infer<typeof TrainingBooking>;

/**
 * eLearning results for one module, role and organisation in a year, as learning systems report
 * them: how many learners completed it, how many passed (at all, and at the first attempt), and
 * the attempts they took.
 */
export const ElearningResult = z
  .object({
    id: Id,
    financialYear: FinancialYearLabel,
    courseId: Id,
    agencyId: Id.nullable().default(null),
    organisation: z.string().trim().min(1).nullable().default(null),
    sector: z.string().trim().min(1).nullable().default(null),
    role: z.string().trim().min(1),
    completions: z.number().int().nonnegative(),
    passed: z.number().int().nonnegative(),
    passedFirstTime: z.number().int().nonnegative(),
    attempts: z.number().int().nonnegative(),
  })
  .refine((r) => r.passed <= r.completions, { message: 'more passed than completed', path: ['passed'] })
  .refine((r) => r.passedFirstTime <= r.passed, { message: 'more passed first time than passed', path: ['passedFirstTime'] })
  .refine((r) => r.attempts >= r.completions, { message: 'fewer attempts than completions', path: ['attempts'] });
export type ElearningResult = z.infer<typeof ElearningResult>;

/**
 * A year's published figures for a year whose bookings were never imported (kept in an earlier
 * learning system): what this year's figures are compared with. Rates are whole percentages as
 * they were published.
 */
export const TrainingBaseline = z.object({
  /** The year, as the id: `2023-24`. */
  id: Id,
  financialYear: FinancialYearLabel,
  bookings: z.number().int().nonnegative().nullable().default(null),
  courses: z.number().int().nonnegative().nullable().default(null),
  attendanceRate: z.number().int().min(0).max(100),
  noShowAndCancellationRate: z.number().int().min(0).max(100),
});
export type TrainingBaseline = z.infer<typeof TrainingBaseline>;

/** The id of a year's baseline: `2023/24` → `2023-24`. */
export function baselineId(financialYear: string): string {
  return financialYear.replace('/', '-');
}
