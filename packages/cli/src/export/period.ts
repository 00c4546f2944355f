import { fail, ok, parsePeriod, type Period, type Result } from '@partnership-tracker/core';

const bareQuarter = /^\s*Q[1-4]\s*$/i;

/**
 * The period that `--year` and `--quarter` select: a year, one of its quarters (`--year 2024/25
 * --quarter Q3`, or `--quarter "2024/25 Q3"` alone), or undefined when neither is given.
 */
export function periodFromFlags(year: string | undefined, quarter: string | undefined): Result<Period | undefined> {
  if (quarter === undefined) {
    if (year === undefined) return ok(undefined);
    const period = parsePeriod(year);
    if (!period.success || period.data.kind !== 'year') return fail('usage.bad_period', `--year ${year}: write a financial year like 2024/25`);
    return ok(period.data);
  }
  if (bareQuarter.test(quarter) && year === undefined) {
    return fail('usage.quarter_needs_year', `--quarter ${quarter}: say which year too, e.g. --year 2024/25 --quarter ${quarter.trim().toUpperCase()}`);
  }
  const text = bareQuarter.test(quarter) ? `${year} ${quarter.trim()}` : quarter;
  const period = parsePeriod(text);
  if (!period.success && period.error.code === 'period.calendar_quarter') return fail('usage.bad_period', `--quarter ${quarter}: ${period.error.message}`);
  if (!period.success || period.data.kind !== 'quarter') return fail('usage.bad_period', `--quarter ${quarter}: write a quarter like Q3 (with --year) or 2024/25 Q3`);
  if (year !== undefined && !bareQuarter.test(quarter)) {
    const alone = parsePeriod(year);
    if (!alone.success || alone.data.year.startYear !== period.data.year.startYear) return fail('usage.bad_period', `--year ${year} and --quarter ${quarter} name different years`);
  }
  return ok(period.data);
}
