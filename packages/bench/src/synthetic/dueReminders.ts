import { addDays, applyCommands, dueMessages, emptyDatabase, localDateOf, type CommandInput, type Database } from '@partnership-tracker/core';

/** A partnership whose reminders all fall due at once, and who they go to. */
export interface DueReminders {
  readonly db: Database;
  /** The Slack user id of each person with a reminder due, one each. */
  readonly slackUserIds: readonly string[];
  /** The day every action was due. */
  readonly due: string;
}

const TIME_ZONE = 'Europe/London';

/** The Slack user id of the n-th person (Slack's shape: U and capitals or digits). */
export const slackUserIdOf = (n: number): string => `U0BENCH${String(n).padStart(6, '0')}`;

/** The partnership with one owner and one action, due on `due`: how many messages fall due at `now`. */
function build(people: number, due: string, now: Date): Database {
  const at = new Date(now.getTime() - 20 * 86_400_000).toISOString();
  const today = localDateOf(now.toISOString(), TIME_ZONE);
  const commands: CommandInput[] = [
    { type: 'agency.upsert', agency: { id: 'council', name: 'Council', sector: 'local-authority', statutoryRole: 'local-authority' } },
    { type: 'plan.upsert', plan: { id: 'plan', name: 'Business plan', start: addDays(today, -300), end: addDays(today, 300), status: 'active' } },
  ];
  for (let n = 1; n <= people; n++) {
    const id = `owner-${n}`;
    // A Slack id and no Teams id: in Slack alone or beside Teams, the reminder goes to Slack.
    commands.push({ type: 'person.upsert', person: { id, name: `Owner ${n}`, email: `${id}@council.example.org`, agencyId: 'council', slackUserId: slackUserIdOf(n) } });
    commands.push({ type: 'action.create', action: { ref: `A-${n}`, planId: 'plan', title: `Action ${n}`, ownerId: id, leadAgencyId: 'council', due } });
  }
  const changed = applyCommands(emptyDatabase({ name: 'Fan-out bench', area: 'Bench', timeZone: TIME_ZONE }), commands, { actor: { kind: 'system', name: 'bench' }, at });
  if (!changed.success) throw new Error(`the fan-out's partnership: ${changed.error.message}`);
  return changed.data.db;
}

/**
 * A partnership of `people` owners, each with a Slack user id, no Teams id and one open action,
 * where exactly `people` reminders are due at `now` (one each, nothing else): the actions were
 * created twenty days ago, and are due on the most recent day whose reminder (on the day, or
 * weekly while overdue) is due now under the reminder rules, which decide (working days, the
 * catch-up window, the send time in the partnership's time zone).
 */
export function dueRemindersPartnership(options: { people: number; now: Date }): DueReminders {
  const now = options.now.toISOString();
  const today = localDateOf(now, TIME_ZONE);
  // With one owner, the day whose reminder is due now; then the whole partnership on that day.
  const due = Array.from({ length: 14 }, (_, k) => addDays(today, -k)).find((day) => dueMessages(build(1, day, options.now), now).length === 1);
  if (due === undefined) throw new Error(`no due date in the last two weeks has a reminder due at ${now}`);
  const db = build(options.people, due, options.now);
  const messages = dueMessages(db, now);
  if (messages.length !== options.people || messages.some((m) => m.kind !== 'action-reminder')) {
    throw new Error(`the fan-out's partnership has ${messages.length} messages due (${[...new Set(messages.map((m) => m.kind))].join(', ')}), not ${options.people} reminders`);
  }
  return { db, due, slackUserIds: Array.from({ length: options.people }, (_, k) => slackUserIdOf(k + 1)) };
}
