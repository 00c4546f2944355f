import { fail, ok, type Result } from '@partnership-tracker/core';

/** Reads a calendar date written as ISO (`2025-03-31`) or the UK way (`31/03/2025`) as `YYYY-MM-DD`. */
export function parseLocalDate(text: string): Result<string> {
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
  return ok(`${String(year).padStart(4, '0')}-${pad(month)}-${pad(day)}`);
}

/** Reads a 24-hour time of day (`09:30`, `9:30`, `14.00`) as `HH:mm`. */
export function parseTimeOfDay(text: string): Result<string> {
  const match = /^(\d{1,2})[:.](\d{2})$/.exec(text.trim());
  if (!match || Number(match[1]) > 23 || Number(match[2]) > 59) {
    return fail('input.bad_time', `"${text}" is not a time of day; write it like 09:30 or 14:00`);
  }
  return ok(`${pad(Number(match[1]))}:${match[2]}`);
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
