import { describe, expect, it } from 'vitest';
import { reminderDatabase } from './__fixtures__/reminderDatabase.js';
import { dueMessages } from './reminderRules.js';
import { pendingMessages } from './pendingMessages.js';

describe('messages still to send', () => {
  const now = '2026-06-16T08:00:00Z';
  const db = reminderDatabase();
  const entry = (key: string, state: 'claimed' | 'sent' | 'failed', error: string | null = null) => ({
    key,
    state,
    claimedAt: '2026-06-16T08:00:00Z',
    sentAt: state === 'sent' ? '2026-06-16T08:00:00Z' : null,
    attempts: 1,
    error,
  });

  it('are every due message when nothing has been sent', () => {
    expect(pendingMessages(db, now)).toEqual(dueMessages(db, now));
  });

  it('leave out those sent and those failed for good, and keep those claimed or failed for now', () => {
    const outbox = [
      entry('reminder:due-14:A-1:2026-06-16', 'sent'),
      entry('please-update:jo:2026-27-Q1', 'failed', 'permanent: no conversation reference for jo'),
      entry('please-update:sam:2026-27-Q1', 'failed', 'HTTP 502'),
      entry('attendance:qag-2026-06-10', 'claimed'),
    ];
    expect(pendingMessages({ ...db, outbox }, now).map((m) => m.key)).toEqual([
      'attendance:qag-2026-06-10',
      'reminder:overdue:A-2:2026-06-12',
      'attendance:learning-2026-06-13',
      'please-update:sam:2026-27-Q1',
    ]);
  });
});
