import type { Database } from '@partnership-tracker/core';
import { formatDate } from '../export/formatCell.js';
import type { Reminder } from './reminderRules.js';

function what(reminder: Reminder, owner: string): string {
  const { action } = reminder;
  const due = formatDate(action.due);
  switch (reminder.occasion) {
    case 'due-14':
      return `${action.ref} is due in 14 days (${due}); it is ${action.progress}% done (${action.status}).`;
    case 'due-3':
      return `${action.ref} is due in 3 days (${due}); it is ${action.progress}% done (${action.status}).`;
    case 'due':
      return `${action.ref} is due today; it is ${action.progress}% done (${action.status}).`;
    case 'overdue':
      return `${action.ref} is ${reminder.daysOverdue} days overdue (due ${due}); please update it or agree a new date.`;
    case 'escalation':
      return `Escalation: ${action.ref} (owner ${owner}) is ${reminder.daysOverdue} days overdue (due ${due}) at ${action.progress}%.`;
  }
}

/** Lists the reminders of a day for people: who receives what, one line each, with the action's title. */
export function describeReminders(db: Database, day: string, reminders: readonly Reminder[]): string {
  const heading = `Reminders for ${formatDate(day)} (dry run: nothing was sent)`;
  if (reminders.length === 0) return `${heading}: none.\n`;
  const lines = reminders.map((reminder) => {
    const to = reminder.recipients.map((p) => `${p.name} <${p.email}>`).join(', ');
    const owner = db.people.find((p) => p.id === reminder.action.ownerId)?.name ?? 'no owner';
    return `- To ${to}: ${what(reminder, owner)}\n  "${reminder.action.title}"`;
  });
  return `${heading}:\n${lines.join('\n')}\n`;
}
