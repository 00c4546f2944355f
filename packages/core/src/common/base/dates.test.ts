import { describe, expect, it } from 'vitest';
import {
  addMonths,
  financialYearOfDate,
  localDateOf,
  nextPeriod,
  parsePeriod,
  periodDates,
  periodInstants,
  previousPeriod,
  quarterOfDate,
  zonedTimeToInstant,
  type Period,
} from './dates.js';
import { unwrap } from './result.js';

describe('financial years and quarters', () => {
  it.each([
    ['2024/25', '2024/25'],
    ['2024-25', '2024/25'],
    ['2024/2025', '2024/25'],
    ['1999/00', '1999/00'],
    ['2024–25', '2024/25'],
    ['2024 — 25', '2024/25'],
    ['FY 24/25', '2024/25'],
    ['FY24-25', '2024/25'],
    ['fy 2024/2025', '2024/25'],
  ])('reads %s as %s', (text, label) => {
    const period = unwrap(parsePeriod(text));
    expect(period.kind).toBe('year');
    expect(period.year.label).toBe(label);
  });

  it.each([
    ['2024/25 Q3', 3],
    ['Q1 2025-26', 1],
    ['2024/25 q4', 4],
  ])('reads %s as quarter %i', (text, quarter) => {
    const period = unwrap(parsePeriod(text));
    expect(period).toMatchObject({ kind: 'quarter', quarter });
  });

  it.each([
    ['Q1 2025', 'January–March 2025 is 2024/25 Q4'],
    ['Q2 2025', 'April–June 2025 is 2025/26 Q1'],
    ['2025 Q4', 'October–December 2025 is 2025/26 Q3'],
  ])('refuses the calendar quarter %s, saying which financial quarter its months are', (text, months) => {
    expect(parsePeriod(text)).toEqual({
      success: false,
      error: { code: 'period.calendar_quarter', message: `"${text}" reads like a calendar quarter, but quarters here are the financial year's (Q1 = April–June). ${months}; write that.` },
    });
  });

  it.each(['2024/26', '2024', 'Q5 2024/25', 'last year', '2024/25 Q0', 'FY 24/26', '24/25/26'])('refuses %s with a message naming it', (text) => {
    const result = parsePeriod(text);
    expect(result.success).toBe(false);
    if (!result.success) expect(result.error.message).toContain(text);
  });

  it.each([
    ['2024/25 Q1', '2024-04-01', '2024-07-01'],
    ['2024/25 Q2', '2024-07-01', '2024-10-01'],
    ['2024/25 Q3', '2024-10-01', '2025-01-01'],
    ['2024/25 Q4', '2025-01-01', '2025-04-01'],
    ['2024/25', '2024-04-01', '2025-04-01'],
  ])('%s runs from %s up to %s', (text, start, end) => {
    expect(periodDates(unwrap(parsePeriod(text)))).toEqual({ start, end });
  });

  it.each([
    ['2025-03-31', '2024/25', 4],
    ['2025-04-01', '2025/26', 1],
    ['2024-02-29', '2023/24', 4],
    ['2024-06-30', '2024/25', 1],
    ['2024-07-01', '2024/25', 2],
    ['2024-12-31', '2024/25', 3],
  ])('%s falls in %s Q%i', (date, label, quarter) => {
    expect(financialYearOfDate(date).label).toBe(label);
    const q = quarterOfDate(date);
    expect(q.year.label).toBe(label);
    expect(q.quarter).toBe(quarter);
  });

  it('steps from Q1 back to the previous year Q4 and from Q4 on to the next year Q1', () => {
    const q1: Period = unwrap(parsePeriod('2025/26 Q1'));
    expect(previousPeriod(q1)).toMatchObject({ quarter: 4, year: { label: '2024/25' } });
    expect(nextPeriod(previousPeriod(q1))).toEqual(q1);
  });

  it('clamps month arithmetic to the end of short months', () => {
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2023-01-31', 1)).toBe('2023-02-28');
  });
});

describe('time zones', () => {
  it('starts a London quarter at local midnight, which is 23:00 UTC in summer time', () => {
    const q2 = periodInstants(unwrap(parsePeriod('2024/25 Q2')), 'Europe/London');
    expect(q2.start.toISOString()).toBe('2024-06-30T23:00:00.000Z');
    expect(q2.end.toISOString()).toBe('2024-09-30T23:00:00.000Z');
    const q4 = periodInstants(unwrap(parsePeriod('2024/25 Q4')), 'Europe/London');
    expect(q4.start.toISOString()).toBe('2025-01-01T00:00:00.000Z');
  });

  it('puts a meeting at 00:30 BST on 1 July in Q2, though in UTC it is still 30 June', () => {
    const instant = zonedTimeToInstant('2024-07-01', '00:30', 'Europe/London');
    expect(instant.toISOString()).toBe('2024-06-30T23:30:00.000Z');
    expect(localDateOf(instant, 'Europe/London')).toBe('2024-07-01');
    expect(quarterOfDate(localDateOf(instant, 'Europe/London')).quarter).toBe(2);
  });

  it.each([
    ['2025-03-30', '00:30', '2025-03-30T00:30:00.000Z'],
    ['2025-03-30', '02:30', '2025-03-30T01:30:00.000Z'],
    ['2025-10-26', '00:30', '2025-10-25T23:30:00.000Z'],
    ['2025-10-26', '10:00', '2025-10-26T10:00:00.000Z'],
  ])('on a clock-change day %s %s London is %s', (date, time, iso) => {
    expect(zonedTimeToInstant(date, time, 'Europe/London').toISOString()).toBe(iso);
  });
});
