import { addDays, dayOfWeek } from '../base/dates.js';
import type { LocalDate } from '../base/time.js';

/** Why a date is a bank holiday in England and Wales. */
export type BankHolidayName =
  | "New Year's Day"
  | 'Good Friday'
  | 'Easter Monday'
  | 'Early May bank holiday'
  | 'Spring bank holiday'
  | 'Summer bank holiday'
  | 'Christmas Day'
  | 'Boxing Day';

/**
 * England and Wales bank holidays 2024–2030, as gov.uk publishes them: the day off, so a
 * holiday falling at a weekend appears as its substitute weekday. This table is the authority
 * for these years because the government sometimes moves or adds a day (2020's VE Day, 2022's
 * Jubilee, 2023's Coronation); add any such change here. Years outside it follow the usual rules.
 */
export const ENGLAND_AND_WALES_BANK_HOLIDAYS: Readonly<Record<number, ReadonlyArray<readonly [LocalDate, BankHolidayName]>>> = {
  2024: [
    ['2024-01-01', "New Year's Day"],
    ['2024-03-29', 'Good Friday'],
    ['2024-04-01', 'Easter Monday'],
    ['2024-05-06', 'Early May bank holiday'],
    ['2024-05-27', 'Spring bank holiday'],
    ['2024-08-26', 'Summer bank holiday'],
    ['2024-12-25', 'Christmas Day'],
    ['2024-12-26', 'Boxing Day'],
  ],
  2025: [
    ['2025-01-01', "New Year's Day"],
    ['2025-04-18', 'Good Friday'],
    ['2025-04-21', 'Easter Monday'],
    ['2025-05-05', 'Early May bank holiday'],
    ['2025-05-26', 'Spring bank holiday'],
    ['2025-08-25', 'Summer bank holiday'],
    ['2025-12-25', 'Christmas Day'],
    ['2025-12-26', 'Boxing Day'],
  ],
  2026: [
    ['2026-01-01', "New Year's Day"],
    ['2026-04-03', 'Good Friday'],
    ['2026-04-06', 'Easter Monday'],
    ['2026-05-04', 'Early May bank holiday'],
    ['2026-05-25', 'Spring bank holiday'],
    ['2026-08-31', 'Summer bank holiday'],
    ['2026-12-25', 'Christmas Day'],
    // Boxing Day is a Saturday: the substitute day is Monday.
    ['2026-12-28', 'Boxing Day'],
  ],
  2027: [
    ['2027-01-01', "New Year's Day"],
    ['2027-03-26', 'Good Friday'],
    ['2027-03-29', 'Easter Monday'],
    ['2027-05-03', 'Early May bank holiday'],
    ['2027-05-31', 'Spring bank holiday'],
    ['2027-08-30', 'Summer bank holiday'],
    // Christmas Day is a Saturday and Boxing Day a Sunday: Monday and Tuesday are the substitutes.
    ['2027-12-27', 'Christmas Day'],
    ['2027-12-28', 'Boxing Day'],
  ],
  2028: [
    // 1 January is a Saturday: the substitute day is Monday.
    ['2028-01-03', "New Year's Day"],
    ['2028-04-14', 'Good Friday'],
    ['2028-04-17', 'Easter Monday'],
    ['2028-05-01', 'Early May bank holiday'],
    ['2028-05-29', 'Spring bank holiday'],
    ['2028-08-28', 'Summer bank holiday'],
    ['2028-12-25', 'Christmas Day'],
    ['2028-12-26', 'Boxing Day'],
  ],
  2029: [
    ['2029-01-01', "New Year's Day"],
    ['2029-03-30', 'Good Friday'],
    ['2029-04-02', 'Easter Monday'],
    ['2029-05-07', 'Early May bank holiday'],
    ['2029-05-28', 'Spring bank holiday'],
    ['2029-08-27', 'Summer bank holiday'],
    ['2029-12-25', 'Christmas Day'],
    ['2029-12-26', 'Boxing Day'],
  ],
  2030: [
    ['2030-01-01', "New Year's Day"],
    ['2030-04-19', 'Good Friday'],
    ['2030-04-22', 'Easter Monday'],
    ['2030-05-06', 'Early May bank holiday'],
    ['2030-05-27', 'Spring bank holiday'],
    ['2030-08-26', 'Summer bank holiday'],
    ['2030-12-25', 'Christmas Day'],
    ['2030-12-26', 'Boxing Day'],
  ],
};

/** Easter Sunday of a year in the Gregorian calendar (the anonymous Gregorian algorithm). */
export function easterSunday(year: number): LocalDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * The bank holidays of a year in England and Wales by the usual rules (substitute weekdays for
 * holidays at a weekend), with no one-off changes: the fallback for years outside the table.
 */
export function ruleBankHolidays(year: number): ReadonlyArray<readonly [LocalDate, BankHolidayName]> {
  const easter = easterSunday(year);
  const newYear = `${year}-01-01`;
  const christmas = `${year}-12-25`;
  const holidays: Array<readonly [LocalDate, BankHolidayName]> = [
    [firstWeekdayOnOrAfter(newYear), "New Year's Day"],
    [addDays(easter, -2), 'Good Friday'],
    [addDays(easter, 1), 'Easter Monday'],
    [mondayOnOrAfter(`${year}-05-01`), 'Early May bank holiday'],
    [addDays(mondayOnOrAfter(`${year}-06-01`), -7), 'Spring bank holiday'],
    [addDays(mondayOnOrAfter(`${year}-09-01`), -7), 'Summer bank holiday'],
  ];
  // Christmas and Boxing Day each take the next weekday the other has not already taken.
  const christmasDay = firstWeekdayOnOrAfter(christmas);
  const boxingDay = firstWeekdayOnOrAfter(addDays(christmas, 1));
  holidays.push([christmasDay, 'Christmas Day']);
  holidays.push([boxingDay === christmasDay ? firstWeekdayOnOrAfter(addDays(boxingDay, 1)) : boxingDay, 'Boxing Day']);
  return holidays;
}

/** The bank holidays of a year in England and Wales: the table where it has the year, else the rules. */
export function bankHolidays(year: number): ReadonlyArray<readonly [LocalDate, BankHolidayName]> {
  return ENGLAND_AND_WALES_BANK_HOLIDAYS[year] ?? ruleBankHolidays(year);
}

const holidaySets = new Map<number, ReadonlySet<LocalDate>>();

/** Whether a local date is a bank holiday in England and Wales. */
export function isBankHoliday(date: LocalDate): boolean {
  const year = Number(date.slice(0, 4));
  let set = holidaySets.get(year);
  if (!set) {
    set = new Set(bankHolidays(year).map(([day]) => day));
    holidaySets.set(year, set);
  }
  return set.has(date);
}

/** Whether a local date is a working day in England: not a Saturday, Sunday or bank holiday. */
export function isWorkingDay(date: LocalDate): boolean {
  const weekday = dayOfWeek(date);
  return weekday !== 0 && weekday !== 6 && !isBankHoliday(date);
}

/** The first working day on or after a date (the date itself when it is one). */
export function firstWorkingDayOnOrAfter(date: LocalDate): LocalDate {
  let day = date;
  // The longest run of days off in England is four (e.g. Good Friday to Easter Monday), so this ends quickly.
  while (!isWorkingDay(day)) day = addDays(day, 1);
  return day;
}

/** The first working day strictly after a date. */
export function nextWorkingDay(date: LocalDate): LocalDate {
  return firstWorkingDayOnOrAfter(addDays(date, 1));
}

/**
 * The working day `count` working days after `date` (not counting `date` itself), as statutory
 * timescales count them: 15 working days from a notification on a Monday with no holiday in
 * between is the Monday three weeks on.
 */
export function addWorkingDays(date: LocalDate, count: number): LocalDate {
  let day = date;
  for (let left = count; left > 0; left--) day = nextWorkingDay(day);
  return day;
}

/**
 * How many working days fall after `from` up to and including `to` (0 when `to` is not after
 * `from`): how late a deadline was met, in the days the timescale counts.
 */
export function workingDaysBetween(from: LocalDate, to: LocalDate): number {
  let count = 0;
  for (let day = addDays(from, 1); day <= to; day = addDays(day, 1)) if (isWorkingDay(day)) count++;
  return count;
}

function firstWeekdayOnOrAfter(date: LocalDate): LocalDate {
  const weekday = dayOfWeek(date);
  return weekday === 6 ? addDays(date, 2) : weekday === 0 ? addDays(date, 1) : date;
}

function mondayOnOrAfter(date: LocalDate): LocalDate {
  return addDays(date, (8 - dayOfWeek(date)) % 7);
}
