import { describe, expect, it } from 'vitest';
import { Review, WORKING_TOGETHER_TIMESCALES } from './review.js';
import { reviewTimeliness } from './timeliness.js';

const review = (fields: Partial<Review> & Pick<Review, 'type'>): Review => Review.parse({ id: 'r', codename: 'Child K', ...fields });

describe('a rapid review is due 15 working days after the notification', () => {
  it.each([
    // Notified Monday 2 December 2024: due Monday 23 December; sent on the day is on time.
    ['2024-12-02', '2024-12-23', 'on-time', '2024-12-23', 0],
    // Notified 16 December 2024: Christmas, Boxing Day and New Year's Day are not counted, so it is due 9 January.
    ['2024-12-16', '2025-01-09', 'on-time', '2025-01-09', 0],
    // Sent on Monday 13 January: two working days late (Friday and Monday).
    ['2024-12-16', '2025-01-13', 'late', '2025-01-09', 2],
  ])('notified %s, completed %s: %s (due %s, %i working days late)', (notifiedOn, completedOn, state, due, daysLate) => {
    const result = reviewTimeliness(review({ type: 'rapid-review', notifiedOn, completedOn, lateReason: 'Police disclosure came late.' }), '2025-06-01', WORKING_TOGETHER_TIMESCALES);
    expect([result.state, result.due, result.daysLate, result.unit]).toEqual([state, due, daysLate, 'working days']);
  });

  it('says why a late one was late, in the Review Group\'s words, and says so when nobody recorded why', () => {
    const late = (lateReason: string | null) => reviewTimeliness(review({ type: 'rapid-review', notifiedOn: '2024-12-16', completedOn: '2025-01-13', lateReason }), '2025-06-01', WORKING_TOGETHER_TIMESCALES);
    expect(late('Police disclosure came late.').explanation).toBe('Police disclosure came late.');
    expect(late(null).explanation).toBe('no reason recorded');
  });

  it('is overdue, counted to today, while it has not been sent', () => {
    const result = reviewTimeliness(review({ type: 'rapid-review', notifiedOn: '2024-12-16' }), '2025-01-10', WORKING_TOGETHER_TIMESCALES);
    expect([result.state, result.daysLate]).toEqual(['overdue', 1]);
    expect(reviewTimeliness(review({ type: 'rapid-review', notifiedOn: '2024-12-16' }), '2025-01-09', WORKING_TOGETHER_TIMESCALES).state).toBe('in-time');
  });

  it('follows the timescale the partnership sets instead of Working Together\'s', () => {
    const result = reviewTimeliness(review({ type: 'rapid-review', notifiedOn: '2024-12-02', completedOn: '2024-12-23' }), '2025-06-01', { rapidReviewWorkingDays: 10, practiceReviewMonths: 6 });
    expect([result.state, result.due, result.daysLate]).toEqual(['late', '2024-12-16', 5]);
  });
});

describe('a practice review is due six months after the decision to hold it, unless held', () => {
  it('is on time within six months', () => {
    const result = reviewTimeliness(review({ type: 'lcspr', decisionOn: '2024-05-20', completedOn: '2024-11-20' }), '2025-06-01', WORKING_TOGETHER_TIMESCALES);
    expect([result.state, result.due, result.unit]).toEqual(['on-time', '2024-11-20', 'days']);
  });

  it('moves its due date on by the days criminal proceedings held it, and says so', () => {
    // Held 1–30 September 2024 (30 days): due 20 November 2024 becomes 20 December.
    const held = review({ type: 'lcspr', decisionOn: '2024-05-20', holds: [{ kind: 'criminal', from: '2024-09-01', to: '2024-09-30' }], completedOn: '2024-12-20' });
    const result = reviewTimeliness(held, '2025-06-01', WORKING_TOGETHER_TIMESCALES);
    expect([result.state, result.due, result.explanation]).toEqual(['on-time', '2024-12-20', 'held 30 days for criminal proceedings']);
  });

  it('has no due date while a hold lasts', () => {
    const held = review({ type: 'thematic-review', decisionOn: '2024-05-20', holds: [{ kind: 'coroner', from: '2024-09-01', to: null }] });
    const result = reviewTimeliness(held, '2025-06-01', WORKING_TOGETHER_TIMESCALES);
    expect([result.state, result.due, result.explanation]).toEqual(['held', null, "held for the coroner's inquest since 2024-09-01"]);
  });

  it('is late by calendar days after the due date, with the reason recorded', () => {
    const late = review({ type: 'lcspr', decisionOn: '2024-05-20', completedOn: '2024-12-02', lateReason: 'The family asked to contribute later.' });
    const result = reviewTimeliness(late, '2025-06-01', WORKING_TOGETHER_TIMESCALES);
    expect([result.state, result.daysLate, result.explanation]).toEqual(['late', 12, 'The family asked to contribute later.']);
  });
});

describe('reviews with no statutory timescale', () => {
  it.each(['case-of-concern', 'learning-briefing'] as const)('a %s has none', (type) => {
    expect(reviewTimeliness(review({ type, notifiedOn: '2024-06-10' }), '2025-06-01', WORKING_TOGETHER_TIMESCALES).state).toBe('no-timescale');
  });

  it('a practice review with no decision date recorded has none yet', () => {
    expect(reviewTimeliness(review({ type: 'lcspr' }), '2025-06-01', WORKING_TOGETHER_TIMESCALES).state).toBe('no-timescale');
  });
});
