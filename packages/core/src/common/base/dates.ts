import { fail, ok, type Result } from './result.js';
import type { LocalDate } from './time.js';

/** A financial year, named by the calendar year it starts in: 2024 is `2024/25`. */
export interface FinancialYear {
  readonly startYear: number;
  readonly label: string;
}

/** A quarter of a financial year: Q1 is its first three months (April–June in England). */
export type Quarter = 1 | 2 | 3 | 4;

/** A reporting period: a whole financial year or one of its quarters. */
export type Period =
  | { readonly kind: 'year'; readonly year: FinancialYear }
  | { readonly kind: 'quarter'; readonly year: FinancialYear; readonly quarter: Quarter };

/** The month and day a financial year starts on. */
export interface YearStart {
  readonly month: number;
  readonly day: number;
}

/** 1 April, the start of the financial year in England. */
export const APRIL_FIRST: YearStart = { month: 4, day: 1 };

/** Days from `start` (inclusive) to `end` (exclusive), as local dates. */
export interface DateRange {
  readonly start: LocalDate;
  readonly end: LocalDate;
}

/** The financial year starting in `startYear`. */
export function financialYear(startYear: number): FinancialYear {
  const next = String((startYear + 1) % 100).padStart(2, '0');
  return { startYear, label: `${startYear}/${next}` };
}

/**
 * Reads a financial year as real reports write it: `2024/25`, `2024-25`, `2024–25` (an en dash,
 * or any other dash), `2024/2025`, `FY 24/25`, `FY2024-25`.
 */
export function parseFinancialYear(text: string): Result<FinancialYear> {
  const match = /^\s*(?:FY\s*)?(\d{4}|\d{2})\s*[/\-\u2010-\u2015\u2212]\s*(\d{2}|\d{4})\s*$/i.exec(text);
  if (!match) return fail('period.bad_year', `"${text}" is not a financial year; write it like 2024/25`);
  // A two-digit first year (FY 24/25) is this century's.
  const start = match[1]!.length === 2 ? 2000 + Number(match[1]) : Number(match[1]);
  const end = Number(match[2]);
  const expected = match[2]!.length === 2 ? (start + 1) % 100 : start + 1;
  if (end !== expected) {
    return fail('period.bad_year', `"${text}" is not a financial year: the second year must follow the first (${financialYear(start).label})`);
  }
  return ok(financialYear(start));
}

const QUARTER_MONTHS = ['April–June', 'July–September', 'October–December', 'January–March'] as const;

/**
 * Reads a period: `2024/25`, `2024-25`, `2024/25 Q3`, `Q3 2024/25`. Quarters are the financial
 * year's (Q1 = April–June), so a calendar quarter such as `Q1 2025` is refused, saying which
 * financial quarter its months are.
 */
export function parsePeriod(text: string): Result<Period> {
  const trimmed = text.trim();
  const quarterFirst = /^Q([1-4])\s+(.+)$/i.exec(trimmed);
  const quarterLast = /^(.+?)\s+Q([1-4])$/i.exec(trimmed);
  if (quarterFirst || quarterLast) {
    const quarter = Number(quarterFirst ? quarterFirst[1] : quarterLast![2]) as Quarter;
    const yearText = (quarterFirst ? quarterFirst[2]! : quarterLast![1]!).trim();
    const year = parseFinancialYear(yearText);
    if (!year.success) {
      if (/^\d{4}$/.test(yearText)) return fail('period.calendar_quarter', calendarQuarterMessage(text, quarter, Number(yearText)));
      return year;
    }
    return ok({ kind: 'quarter', year: year.data, quarter });
  }
  if (/\bQ\d/i.test(trimmed)) return fail('period.bad_quarter', `"${text}": quarters are Q1 to Q4, e.g. 2024/25 Q3`);
  const year = parseFinancialYear(trimmed);
  if (!year.success) {
    return fail('period.bad_period', `"${text}" is not a period; write a year like 2024/25 or a quarter like 2024/25 Q3`);
  }
  return ok({ kind: 'year', year: year.data });
}

/** Why `Q1 2025` is refused, and the financial quarter of those months: January–March 2025 is 2024/25 Q4. */
function calendarQuarterMessage(text: string, calendarQuarter: Quarter, calendarYear: number): string {
  const quarter = ((calendarQuarter + 2) % 4 + 1) as Quarter;
  const year = financialYear(calendarQuarter === 1 ? calendarYear - 1 : calendarYear);
  return (
    `"${text}" reads like a calendar quarter, but quarters here are the financial year's (Q1 = April–June). ` +
    `${QUARTER_MONTHS[quarter - 1]} ${calendarYear} is ${year.label} Q${quarter}; write that.`
  );
}

/** Shows a period as people write it: `2024/25` or `2024/25 Q3`. */
export function periodLabel(period: Period): string {
  return period.kind === 'year' ? period.year.label : `${period.year.label} Q${period.quarter}`;
}

/** The local dates a period covers, end exclusive. */
export function periodDates(period: Period, yearStart: YearStart = APRIL_FIRST): DateRange {
  const first = (period.kind === 'quarter' ? period.quarter - 1 : 0) * 3;
  const months = period.kind === 'quarter' ? 3 : 12;
  return {
    start: addMonths(localDate(period.year.startYear, yearStart.month, yearStart.day), first),
    end: addMonths(localDate(period.year.startYear, yearStart.month, yearStart.day), first + months),
  };
}

/** The instants a period covers in a time zone: from local midnight on its first day to the next period's. */
export function periodInstants(period: Period, timeZone: string, yearStart: YearStart = APRIL_FIRST): { start: Date; end: Date } {
  const range = periodDates(period, yearStart);
  return { start: zonedTimeToInstant(range.start, '00:00', timeZone), end: zonedTimeToInstant(range.end, '00:00', timeZone) };
}

/** The financial year a local date falls in. */
export function financialYearOfDate(date: LocalDate, yearStart: YearStart = APRIL_FIRST): FinancialYear {
  const { year, month, day } = splitDate(date);
  const beforeStart = month < yearStart.month || (month === yearStart.month && day < yearStart.day);
  return financialYear(beforeStart ? year - 1 : year);
}

/** The quarter a local date falls in. */
export function quarterOfDate(date: LocalDate, yearStart: YearStart = APRIL_FIRST): Period & { kind: 'quarter' } {
  const year = financialYearOfDate(date, yearStart);
  for (const quarter of [1, 2, 3, 4] as const) {
    const range = periodDates({ kind: 'quarter', year, quarter }, yearStart);
    if (date < range.end) return { kind: 'quarter', year, quarter };
  }
  return { kind: 'quarter', year, quarter: 4 };
}

/** The period of the same kind just before this one (Q1's previous is the prior year's Q4). */
export function previousPeriod(period: Period): Period {
  if (period.kind === 'year') return { kind: 'year', year: financialYear(period.year.startYear - 1) };
  if (period.quarter === 1) return { kind: 'quarter', year: financialYear(period.year.startYear - 1), quarter: 4 };
  return { kind: 'quarter', year: period.year, quarter: (period.quarter - 1) as Quarter };
}

/** The period of the same kind just after this one. */
export function nextPeriod(period: Period): Period {
  if (period.kind === 'year') return { kind: 'year', year: financialYear(period.year.startYear + 1) };
  if (period.quarter === 4) return { kind: 'quarter', year: financialYear(period.year.startYear + 1), quarter: 1 };
  return { kind: 'quarter', year: period.year, quarter: (period.quarter + 1) as Quarter };
}

/** Whether a local date lies in a range (start inclusive, end exclusive). */
export function isInRange(date: LocalDate, range: DateRange): boolean {
  return date >= range.start && date < range.end;
}

/**
 * Reads a calendar date as people type it, ISO (`2025-03-31`) or the UK way (`31/03/2025`), as
 * `YYYY-MM-DD`; a day that is not in the calendar (31/02/2025) is refused, not rolled over.
 */
export function parseLocalDate(text: string): Result<LocalDate> {
  const trimmed = text.trim();
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(trimmed);
  const uk = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$/.exec(trimmed);
  const parts = iso ? [iso[1], iso[2], iso[3]] : uk ? [uk[3], uk[2], uk[1]] : undefined;
  if (!parts) {
    return fail('input.bad_date', `"${text}" is not a date; write it like 31/03/2025 or 2025-03-31`);
  }
  const [year, month, day] = parts.map(Number) as [number, number, number];
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (month < 1 || month > 12 || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) {
    return fail('input.date_out_of_range', `"${text}" is not a day in the calendar`);
  }
  return ok(localDate(year, month, day));
}

/** The local date (in a time zone) on which an instant falls. */
export function localDateOf(instant: Date | string, timeZone: string): LocalDate {
  // Reports ask for the same meetings' dates again and again, and Intl formatting dominated a
  // digest's cost in profiles; the answer for an instant never changes, so remember it.
  const key = `${timeZone}|${typeof instant === 'string' ? instant : instant.toISOString()}`;
  const known = localDates.get(key);
  if (known !== undefined) return known;
  const parts = zonedParts(typeof instant === 'string' ? new Date(instant) : instant, timeZone);
  const date = localDate(parts.year, parts.month, parts.day);
  if (localDates.size >= MAX_REMEMBERED_DATES) localDates.clear();
  localDates.set(key, date);
  return date;
}

const MAX_REMEMBERED_DATES = 200_000;
const localDates = new Map<string, LocalDate>();

/** The local wall-clock time (`HH:mm`) of an instant in a time zone. */
export function localTimeOf(instant: Date | string, timeZone: string): string {
  const parts = zonedParts(typeof instant === 'string' ? new Date(instant) : instant, timeZone);
  return `${pad(parts.hour)}:${pad(parts.minute)}`;
}

/**
 * The instant at which the clocks in a time zone show a date and time. A time skipped by a
 * spring-forward change resolves to the same number of minutes after the change.
 */
export function zonedTimeToInstant(date: LocalDate, time: string, timeZone: string): Date {
  const { year, month, day } = splitDate(date);
  const [hour, minute] = time.split(':').map(Number) as [number, number];
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  let guess = wall - offsetMinutes(new Date(wall), timeZone) * 60_000;
  guess = wall - offsetMinutes(new Date(guess), timeZone) * 60_000;
  return new Date(guess);
}

/** The time zone's offset from UTC at an instant, in minutes (60 in London summer time). */
export function offsetMinutes(instant: Date, timeZone: string): number {
  const p = zonedParts(instant, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

/** Adds days to a local date. */
export function addDays(date: LocalDate, days: number): LocalDate {
  const { year, month, day } = splitDate(date);
  const moved = new Date(Date.UTC(year, month - 1, day + days));
  return localDate(moved.getUTCFullYear(), moved.getUTCMonth() + 1, moved.getUTCDate());
}

/** Adds calendar months to a local date, clamping to the month's last day (31 Jan + 1 = 28/29 Feb). */
export function addMonths(date: LocalDate, months: number): LocalDate {
  const { year, month, day } = splitDate(date);
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return localDate(y, m, Math.min(day, last));
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: LocalDate, to: LocalDate): number {
  const a = splitDate(from);
  const b = splitDate(to);
  return Math.round((Date.UTC(b.year, b.month - 1, b.day) - Date.UTC(a.year, a.month - 1, a.day)) / 86_400_000);
}

/** Day of the week of a local date: 0 Sunday … 6 Saturday. */
export function dayOfWeek(date: LocalDate): number {
  const { year, month, day } = splitDate(date);
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay();
}

function splitDate(date: LocalDate): { year: number; month: number; day: number } {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return { year, month, day };
}

function localDate(year: number, month: number, day: number): LocalDate {
  return `${String(year).padStart(4, '0')}-${pad(month)}-${pad(day)}`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function zonedParts(instant: Date, timeZone: string) {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, format);
  }
  const out = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const part of format.formatToParts(instant)) {
    if (part.type in out) out[part.type as keyof typeof out] = Number(part.value);
  }
  return out;
}
