import { addDays, dueMessages, localDateOf, zonedTimeToInstant, type Database, type ScheduledMessage } from '@partnership-tracker/core';

/**
 * The proactive messages the bot's scheduler sends on a local day, by core's rules (the same
 * rules the bot runs: reminders, overdue alerts to chairs, please-update requests, attendance prompts and
 * the digest, on working days at the send time). Ordered by send time.
 */
export function remindersOn(db: Database, day: string): ScheduledMessage[] {
  const timeZone = db.partnership.timeZone;
  // dueMessages returns what is due by `now` within its catch-up window; the last moment of the
  // day, filtered to sends on that day, is exactly the day's messages.
  const endOfDay = new Date(zonedTimeToInstant(addDays(day, 1), '00:00', timeZone).getTime() - 1000).toISOString();
  return dueMessages(db, endOfDay).filter((message) => localDateOf(message.sendAt, timeZone) === day);
}
