import { addDays, daysBetween, fail, ok, parseLocalDate, type Result } from '@partnership-tracker/core';

/** What an owner asked about an action's reminders: quiet until a date, or back on (null). */
export interface SnoozeRequest {
  readonly ref: string;
  readonly until: string | null;
}

/** How to snooze, quoted in every correction. */
export const SNOOZE_EXAMPLE = 'snooze A-12 2 weeks (or: snooze A-12 until 15/12/2026; snooze A-12 off)';

/** The longest an action's reminders may be silenced: a quarter, so nothing is forgotten for good. */
export const MAX_SNOOZE_DAYS = 92;

/**
 * Reads `A-12 2 weeks`, `A-12 until 15/12/2026` (or 2026-12-15), `A-12 for 10 days` or
 * `A-12 off` — the words after `snooze`. The date must be after today and at most a quarter away.
 */
export function parseSnoozeText(text: string, today: string): Result<SnoozeRequest> {
  const trimmed = text.trim();
  const refMatch = /^([A-Za-z]{1,4})\s*-\s*(\d{1,5})\b/.exec(trimmed);
  if (!refMatch) return fail('snooze.bad_ref', `Which action? Write it like: ${SNOOZE_EXAMPLE}`);
  const ref = `${refMatch[1]!.toUpperCase()}-${Number(refMatch[2])}`;
  const rest = trimmed.slice(refMatch[0].length).trim().toLowerCase();
  if (/^(off|cancel|stop|resume|unsnooze|none)$/.test(rest)) return ok({ ref, until: null });

  let until: string | null = null;
  const span = /^(?:for\s+)?(\d{1,3})\s*(day|days|week|weeks)$/.exec(rest);
  const date = /^(?:until|till|to)?\s*(\d{4}-\d{2}-\d{2}|\d{1,2}\/\d{1,2}\/\d{4})$/.exec(rest);
  if (span) {
    until = addDays(today, Number(span[1]) * (span[2]!.startsWith('week') ? 7 : 1));
  } else if (date) {
    const parsed = parseLocalDate(date[1]!);
    if (!parsed.success) return fail('snooze.bad_date', `"${date[1]!}" is not a date I can read. ${SNOOZE_EXAMPLE}`);
    until = parsed.data;
  } else if (rest === '') {
    return fail('snooze.no_date', `For how long? ${SNOOZE_EXAMPLE}`);
  } else {
    return fail('snooze.unclear', `I could not read "${rest}". ${SNOOZE_EXAMPLE}`);
  }
  if (until <= today) return fail('snooze.past', `Snooze until a day after today (${today}); ${until} is not.`);
  if (daysBetween(today, until) > MAX_SNOOZE_DAYS) {
    return fail('snooze.too_long', `Reminders can be snoozed for at most ${MAX_SNOOZE_DAYS} days (until ${addDays(today, MAX_SNOOZE_DAYS)}).`);
  }
  return ok({ ref, until });
}

