import { ACTION_STATUS_LABELS, daysBetween, dayOfWeek, localDateOf, localTimeOf, type ActionStatus } from '@partnership-tracker/core';

// Month and day names from a table, not Intl: Node's en-GB data writes September "Sept" beside
// "Jun" and "Aug", and a build with other ICU data writes other names again. The time zone's
// arithmetic is core's.
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;

/** Shows a `YYYY-MM-DD` date as people in England read it: `16 Jun 2025`, `22 Sep 2026`. */
export function formatDate(date: string): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return `${day} ${MONTHS[month - 1]} ${year}`;
}


/** The words for an action status as the bot shows them: `on-track` → `On track`. */
export function formatStatus(status: ActionStatus): string {
  return ACTION_STATUS_LABELS[status];
}

/** Every action status with its label, in the order people choose from. */
export const statusChoices: ReadonlyArray<{ value: ActionStatus; label: string }> = (Object.keys(ACTION_STATUS_LABELS) as ActionStatus[]).map(
  (value) => ({ value, label: ACTION_STATUS_LABELS[value] }),
);

/** "1 day" / "3 days": a count with its noun, singular when it is one. */
export function plural(count: number, noun: string, pluralNoun = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : pluralNoun}`;
}

/** Shows a meeting's start as people read it in the partnership's time zone: `Tue 11 Mar 2025, 10:00`. */
export function formatMeetingStart(instant: string, timeZone: string): string {
  const date = localDateOf(instant, timeZone);
  return `${WEEKDAYS[dayOfWeek(date)]} ${formatDate(date)}, ${localTimeOf(instant, timeZone)}`;
}


/** When an action is due, with how soon: `30 Sep 2025 (in 3 days)`, `(due today)`, `(overdue by 2 days)`. */
export function dueText(due: string, today: string): string {
  const days = daysBetween(today, due);
  if (days === 0) return `${formatDate(due)} (due today)`;
  if (days > 0) return `${formatDate(due)} (in ${plural(days, 'day')})`;
  return `${formatDate(due)} (overdue by ${plural(-days, 'day')})`;
}
