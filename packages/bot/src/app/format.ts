import type { ActionStatus } from '@partnership-tracker/core';

const dateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

/** Shows a `YYYY-MM-DD` date as people in England read it: `16 Jun 2025`. */
export function formatDate(date: string): string {
  return dateFormat.format(new Date(`${date}T00:00:00Z`));
}

const statusLabels: Record<ActionStatus, string> = {
  'not-started': 'Not started',
  'on-track': 'On track',
  'at-risk': 'At risk',
  'off-track': 'Off track',
  complete: 'Complete',
  withdrawn: 'Withdrawn',
};

/** The words for an action status as the bot shows them: `on-track` → `On track`. */
export function formatStatus(status: ActionStatus): string {
  return statusLabels[status];
}

/** Every action status with its label, in the order people choose from. */
export const statusChoices: ReadonlyArray<{ value: ActionStatus; label: string }> = (Object.keys(statusLabels) as ActionStatus[]).map(
  (value) => ({ value, label: statusLabels[value] }),
);

/** "1 day" / "3 days": a count with its noun, singular when it is one. */
export function plural(count: number, noun: string, pluralNoun = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : pluralNoun}`;
}

/** Shows a meeting's start as people read it in the partnership's time zone: `Tue 11 Mar 2025, 10:00`. */
export function formatMeetingStart(instant: string, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone })
    .formatToParts(new Date(instant));
  const part = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('weekday')} ${part('day')} ${part('month')} ${part('year')}, ${part('hour')}:${part('minute')}`;
}
