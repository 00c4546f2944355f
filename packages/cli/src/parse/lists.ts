import { fail, ok, parseFinancialYear, type Result } from '@partnership-tracker/core';

/** Reads a financial year written `2024/25`, `2024-25` or `2024/2025` as its label `2024/25`. */
export function parseYearLabel(text: string): Result<string> {
  const year = parseFinancialYear(text);
  return year.success ? ok(year.data.label) : fail('input.bad_year', `"${text}" is not a financial year; write it like 2024/25`);
}

/** Splits a cell holding several values (`a; b`, or `a, b` when `commas` is allowed), dropping blanks. */
export function splitList(text: string, separators: RegExp = /;/): string[] {
  return text
    .split(separators)
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
}

const emailPattern = /^[^\s@,;]+@[^\s@,;]+\.[^\s@,;]+$/;

/** Reads a comma- or semicolon-separated list of email addresses, lower-cased. */
export function parseEmailList(text: string): Result<string[]> {
  const emails = splitList(text, /[,;]/).map((e) => e.toLowerCase());
  const bad = emails.find((e) => !emailPattern.test(e));
  if (bad !== undefined) return fail('input.bad_email', `"${bad}" is not an email address`);
  return ok(emails);
}
