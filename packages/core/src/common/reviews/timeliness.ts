import { addDays, addMonths, daysBetween } from '../base/dates.js';
import type { LocalDate } from '../base/time.js';
import { addWorkingDays, workingDaysBetween } from '../base/workingDays.js';
import type { Review, ReviewHold, ReviewTimescales } from './review.js';

/** Where a review stands against its timescale. */
export type TimelinessState =
  /** Completed by its due date. */
  | 'on-time'
  /** Completed after its due date. */
  | 'late'
  /** Not completed, and its due date has passed. */
  | 'overdue'
  /** Not completed, and still within its timescale. */
  | 'in-time'
  /** Held by proceedings that have not ended: no due date runs. */
  | 'held'
  /** No timescale applies (a case of concern, a briefing), or the date it runs from is not recorded. */
  | 'no-timescale';

/** A review's timeliness: its due date, how it stands, and in words why. */
export interface Timeliness {
  readonly state: TimelinessState;
  /** The day it is due, after any holds; null when no timescale runs. */
  readonly due: LocalDate | null;
  /** How many working days (rapid review) or days (practice review) after the due date it was completed, or is by today. */
  readonly daysLate: number;
  /** The unit of `daysLate`. */
  readonly unit: 'working days' | 'days';
  /** Why, for the register: the Review Group's reason when late, and any holds that moved the date. */
  readonly explanation: string | null;
}

/** The calendar days a hold stopped the clock within a review's course, up to `until` for a hold still running. */
function heldDays(holds: readonly ReviewHold[], from: LocalDate, until: LocalDate): number {
  let days = 0;
  for (const hold of holds) {
    const start = hold.from > from ? hold.from : from;
    const end = hold.to === null || hold.to > until ? until : hold.to;
    if (end >= start) days += daysBetween(start, end) + 1;
  }
  return days;
}

const HOLD_NAMES: Readonly<Record<ReviewHold['kind'], string>> = { criminal: 'criminal proceedings', coroner: "the coroner's inquest" };

/**
 * A review's timeliness on `today`. A rapid review is due the given number of working days after
 * its notification (England's, bank holidays left out); a practice review (an LCSPR, or a
 * thematic review decided on) the given number of months after the decision to hold it, moved
 * on by the days criminal or coroner proceedings held it, and not due at all while a hold lasts.
 */
export function reviewTimeliness(review: Review, today: LocalDate, timescales: ReviewTimescales): Timeliness {
  const none: Timeliness = { state: 'no-timescale', due: null, daysLate: 0, unit: 'days', explanation: null };
  if (review.type === 'rapid-review') {
    if (review.notifiedOn === null) return none;
    const due = addWorkingDays(review.notifiedOn, timescales.rapidReviewWorkingDays);
    const end = review.completedOn ?? today;
    const daysLate = end > due ? workingDaysBetween(due, end) : 0;
    return finish(review, due, daysLate, 'working days', null);
  }
  if (review.type !== 'lcspr' && review.type !== 'thematic-review') return none;
  if (review.decisionOn === null) return none;
  const end = review.completedOn ?? today;
  const running = review.completedOn === null ? review.holds.find((h) => h.from <= today && (h.to === null || h.to >= today)) : undefined;
  const held = heldDays(review.holds, review.decisionOn, end);
  const holdWords = review.holds.length === 0 ? null : `held ${held} day${held === 1 ? '' : 's'} for ${[...new Set(review.holds.map((h) => HOLD_NAMES[h.kind]))].join(' and ')}`;
  if (running !== undefined) {
    return { state: 'held', due: null, daysLate: 0, unit: 'days', explanation: `held for ${HOLD_NAMES[running.kind]} since ${running.from}` };
  }
  const due = addDays(addMonths(review.decisionOn, timescales.practiceReviewMonths), held);
  const daysLate = end > due ? daysBetween(due, end) : 0;
  return finish(review, due, daysLate, 'days', holdWords);
}

function finish(review: Review, due: LocalDate, daysLate: number, unit: Timeliness['unit'], holds: string | null): Timeliness {
  const completed = review.completedOn !== null;
  const state: TimelinessState = daysLate > 0 ? (completed ? 'late' : 'overdue') : completed ? 'on-time' : 'in-time';
  const reason = daysLate > 0 ? (review.lateReason ?? 'no reason recorded') : null;
  const explanation = [reason, holds].filter((part) => part !== null).join('; ');
  return { state, due, daysLate, unit, explanation: explanation === '' ? null : explanation };
}
