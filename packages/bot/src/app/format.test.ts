import { describe, expect, it } from 'vitest';
import { formatDate, formatMeetingStart } from './format.js';

describe('dates as the bot writes them', () => {
  it('gives every month three letters, September too', () => {
    expect(formatDate('2026-09-22')).toBe('22 Sep 2026');
    expect(formatDate('2025-06-01')).toBe('1 Jun 2025');
  });

  it("gives a meeting's start in the partnership's time zone, across a change of day", () => {
    expect(formatMeetingStart('2025-02-11T10:00:00Z', 'Europe/London')).toBe('Tue 11 Feb 2025, 10:00');
    expect(formatMeetingStart('2026-09-22T08:30:00Z', 'Europe/London')).toBe('Tue 22 Sep 2026, 09:30');
    expect(formatMeetingStart('2026-06-30T23:30:00Z', 'Europe/London')).toBe('Wed 1 Jul 2026, 00:30');
  });
});
