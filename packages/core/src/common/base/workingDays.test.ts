import { describe, expect, it } from 'vitest';
import {
  addWorkingDays,
  workingDaysBetween,
  ENGLAND_AND_WALES_BANK_HOLIDAYS,
  bankHolidays,
  easterSunday,
  firstWorkingDayOnOrAfter,
  isBankHoliday,
  isWorkingDay,
  nextWorkingDay,
  ruleBankHolidays,
} from './workingDays.js';

describe('England and Wales bank holidays', () => {
  it.each([
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2028, '2028-04-16'],
    [2029, '2029-04-01'],
    [2030, '2030-04-21'],
    [2019, '2019-04-21'],
    [2038, '2038-04-25'],
  ])('Easter Sunday %i is %s', (year, date) => {
    expect(easterSunday(year)).toBe(date);
  });

  it.each([2024, 2025, 2026, 2027, 2028, 2029, 2030])('the %i table agrees with the rules for substitute days', (year) => {
    expect(ENGLAND_AND_WALES_BANK_HOLIDAYS[year]!.map(([day]) => day)).toEqual(ruleBankHolidays(year).map(([day]) => day));
  });

  it('matches the gov.uk list for 2026 exactly', () => {
    expect(bankHolidays(2026)).toEqual([
      ['2026-01-01', "New Year's Day"],
      ['2026-04-03', 'Good Friday'],
      ['2026-04-06', 'Easter Monday'],
      ['2026-05-04', 'Early May bank holiday'],
      ['2026-05-25', 'Spring bank holiday'],
      ['2026-08-31', 'Summer bank holiday'],
      ['2026-12-25', 'Christmas Day'],
      ['2026-12-28', 'Boxing Day'],
    ]);
  });

  it.each([
    // Christmas on a Sunday (2022, outside the table): Boxing Day Monday, substitute Tuesday.
    [2022, ['2022-12-26', '2022-12-27']],
    // Christmas on a Saturday (2021): Monday and Tuesday.
    [2021, ['2021-12-27', '2021-12-28']],
    // 2033: New Year's Day on a Saturday moves to Monday 3 January.
    [2033, ['2033-01-03']],
  ])('years outside the table follow the substitute-day rules (%i)', (year, days) => {
    const all = ruleBankHolidays(year).map(([day]) => day);
    for (const day of days) expect(all).toContain(day);
    expect(bankHolidays(year)).toEqual(ruleBankHolidays(year));
  });
});

describe('working days', () => {
  it.each([
    ['2026-04-02', true, 'Maundy Thursday'],
    ['2026-04-03', false, 'Good Friday'],
    ['2026-04-04', false, 'a Saturday'],
    ['2026-04-05', false, 'Easter Sunday'],
    ['2026-04-06', false, 'Easter Monday'],
    ['2026-04-07', true, 'the Tuesday after Easter'],
    ['2026-12-26', false, 'Boxing Day on a Saturday'],
    ['2026-12-28', false, "Boxing Day's substitute Monday"],
    ['2026-12-29', true, 'the Tuesday after Christmas 2026'],
    ['2027-12-27', false, "Christmas 2027's substitute Monday"],
    ['2028-01-03', false, "New Year's Day 2028's substitute Monday"],
    ['2025-08-25', false, 'the summer bank holiday 2025'],
    ['2025-08-26', true, 'an ordinary Tuesday'],
  ])('%s is a working day: %s (%s)', (date, working) => {
    expect(isWorkingDay(date)).toBe(working);
  });

  it('knows a Saturday is a day off but not a bank holiday', () => {
    expect(isBankHoliday('2026-04-04')).toBe(false);
    expect(isWorkingDay('2026-04-04')).toBe(false);
  });

  it.each([
    ['2026-04-02', '2026-04-02'],
    ['2026-04-03', '2026-04-07'],
    ['2026-04-04', '2026-04-07'],
    ['2026-12-25', '2026-12-29'],
    ['2026-12-31', '2026-12-31'],
    ['2027-01-01', '2027-01-04'],
    ['2026-06-13', '2026-06-15'],
  ])('the first working day on or after %s is %s', (date, expected) => {
    expect(firstWorkingDayOnOrAfter(date)).toBe(expected);
  });

  it.each([
    ['2026-04-02', '2026-04-07'],
    ['2026-06-15', '2026-06-16'],
    ['2026-06-12', '2026-06-15'],
    ['2025-03-31', '2025-04-01'],
  ])('the next working day after %s is %s', (date, expected) => {
    expect(nextWorkingDay(date)).toBe(expected);
  });
});

describe('counting working days for statutory timescales', () => {
  it.each([
    // A JTAI letter of Wednesday 29 June 2016: the written statement of action was due 70 working days later, across the August bank holiday.
    ['2016-06-29', 70, '2016-10-06'],
    // A rapid review notified on Monday 2 December 2024: 15 working days skip Christmas Day and Boxing Day.
    ['2024-12-02', 15, '2024-12-23'],
    ['2024-12-16', 15, '2025-01-09'],
    // Notified on Maundy Thursday 2025: Good Friday and Easter Monday are not counted.
    ['2025-04-17', 1, '2025-04-22'],
    // Notified on a Saturday: the count starts on Monday.
    ['2024-06-01', 1, '2024-06-03'],
    ['2024-06-03', 0, '2024-06-03'],
  ])('%s plus %i working days is %s', (from, count, due) => {
    expect(addWorkingDays(from, count)).toBe(due);
  });

  it('counts the working days between two dates as addWorkingDays does', () => {
    expect(workingDaysBetween('2016-06-29', '2016-10-06')).toBe(70);
    expect(workingDaysBetween('2024-12-20', '2024-12-27')).toBe(3);
    expect(workingDaysBetween('2024-12-27', '2024-12-20')).toBe(0);
  });
});
