import { addDays, daysBetween, type Action, type Database, type Person } from '@partnership-tracker/core';

// Pure and free of I/O so that it can move into core beside the bot's scheduler rules; until
// then the CLI keeps it. It lists what is due on a calendar day and leaves working days, send
// times and the outbox to the scheduler that actually sends.

/** Which reminder of an action's series a reminder is. */
export type ReminderOccasion = 'due-14' | 'due-3' | 'due' | 'overdue' | 'escalation';

/** A reminder that goes out on a day: what it is about and who receives it. */
export interface Reminder {
  /** Names the rule and the occasion, e.g. `reminder:due-14:A-12:2026-06-16`, as the bot's outbox does. */
  readonly key: string;
  readonly occasion: ReminderOccasion;
  readonly action: Action;
  readonly recipients: readonly Person[];
  /** Days past due (negative before it is due). */
  readonly daysOverdue: number;
}

/** How many days after the due date an open action is escalated. */
export const ESCALATION_DAYS = 14;

/**
 * The reminders due on a day for every open action (not complete or withdrawn, in an active
 * plan): to the owner 14 and 3 days before it is due, on the day, then every 7 days while it is
 * overdue (not while snoozed); and at 14 days overdue an escalation to the chair of the
 * Executive, which snoozing does not stop. Ordered by action reference.
 */
export function remindersOn(db: Database, day: string): Reminder[] {
  const people = new Map(db.people.filter((p) => p.active).map((p) => [p.id, p] as const));
  const activePlans = new Set(db.plans.filter((p) => p.status === 'active').map((p) => p.id));
  const executiveChair = db.subgroups.find((s) => s.kind === 'executive')?.chairId;
  const chair = executiveChair ? people.get(executiveChair) : undefined;
  const out: Reminder[] = [];
  const open = db.actions
    .filter((a) => a.status !== 'complete' && a.status !== 'withdrawn' && activePlans.has(a.planId))
    .sort((a, b) => a.ref.localeCompare(b.ref, 'en', { numeric: true }));
  for (const action of open) {
    const daysOverdue = daysBetween(action.due, day);
    const owner = action.ownerId ? people.get(action.ownerId) : undefined;
    const snoozed = action.snoozedUntil !== null && day < action.snoozedUntil;
    const occasion: ReminderOccasion | undefined =
      daysOverdue === -14 ? 'due-14' : daysOverdue === -3 ? 'due-3' : daysOverdue === 0 ? 'due' : daysOverdue > 0 && daysOverdue % 7 === 0 ? 'overdue' : undefined;
    if (occasion && owner && !snoozed) {
      out.push({ key: `reminder:${occasion}:${action.ref}:${day}`, occasion, action, recipients: [owner], daysOverdue });
    }
    if (daysOverdue === ESCALATION_DAYS && chair && chair.id !== action.ownerId) {
      out.push({ key: `escalation:${action.ref}:${addDays(action.due, ESCALATION_DAYS)}`, occasion: 'escalation', action, recipients: [chair], daysOverdue });
    }
  }
  return out;
}
