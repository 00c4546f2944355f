import type { Database } from '../store/database.js';
import { dueMessages, type ScheduledMessage } from './reminderRules.js';

/**
 * Begins an outbox error that retrying cannot fix (the person has no saved conversation, the
 * subgroup no channel), so no later run retries that message.
 */
export const PERMANENT_FAILURE_PREFIX = 'permanent: ';

/** Whether an outbox entry's error says the message can never be delivered. */
export function isPermanentFailure(error: string | null): boolean {
  return error?.startsWith(PERMANENT_FAILURE_PREFIX) ?? false;
}

/**
 * The due messages that have not gone yet: not sent, and not failed for good. What
 * `ptrack remind --dry-run` lists; the scheduler applies its lease and retry limits on top.
 */
export function pendingMessages(db: Database, now: string): ScheduledMessage[] {
  const outbox = new Map(db.outbox.map((m) => [m.key, m]));
  return dueMessages(db, now).filter((message) => {
    const entry = outbox.get(message.key);
    return entry === undefined || (entry.state !== 'sent' && !(entry.state === 'failed' && isPermanentFailure(entry.error)));
  });
}
