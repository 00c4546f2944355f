import { fail, ok, type Result } from '@partnership-tracker/core';

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
