import { describe, expect, it } from 'vitest';
import { MAX_SNOOZE_DAYS, parseSnoozeText } from './snoozeText.js';

const today = '2026-11-23';

describe('reading a snooze request', () => {
  it.each([
    ['A-12 2 weeks', 'A-12', '2026-12-07'],
    ['a-12 for 10 days', 'A-12', '2026-12-03'],
    ['A-12 1 day', 'A-12', '2026-11-24'],
    ['A-12 until 15/12/2026', 'A-12', '2026-12-15'],
    ['B-3 until 2027-01-05', 'B-3', '2027-01-05'],
    ['B-3 off', 'B-3', null],
  ])('reads "%s" as %s until %s', (text, ref, until) => {
    expect(parseSnoozeText(text, today)).toEqual({ success: true, data: { ref, until } });
  });

  it.each([
    ['', 'Which action?'],
    ['A-12', 'For how long?'],
    ['A-12 a while', 'I could not read "a while"'],
    ['A-12 until 23/11/2026', 'Snooze until a day after today (2026-11-23)'],
    ['A-12 until 30/02/2027', '"30/02/2027" is not a date I can read'],
    [`A-12 ${MAX_SNOOZE_DAYS + 1} days`, `at most ${MAX_SNOOZE_DAYS} days (until 2027-02-23)`],
  ])('corrects "%s"', (text, message) => {
    const result = parseSnoozeText(text, today);
    expect(result.success).toBe(false);
    if (!result.success) expect(result.error.message).toContain(message);
  });
});
