import { describe, expect, it } from 'vitest';
import { ANSWERED_EVENT_RETENTION_MS, chatEventKey, forgettableEventKeys, MOST_FORGOTTEN_AT_ONCE } from './answeredEvents.js';
import { OutboxMessage } from './messaging.js';

const now = new Date('2026-12-06T12:00:00.000Z');
const ago = (ms: number) => new Date(now.getTime() - ms).toISOString();
const message = (key: string, state: OutboxMessage['state'], claimedAt: string, sentAt: string | null = null) => OutboxMessage.parse({ key, state, claimedAt, sentAt });

describe('which answered chat events the outbox may forget', () => {
  it('gives answered and given-up events once a day has passed, and never a reminder or an event being answered', () => {
    const day = ANSWERED_EVENT_RETENTION_MS;
    const outbox = [
      message(chatEventKey('slack', 'Ev-old-sent'), 'sent', ago(day + 60_000), ago(day + 1_000)),
      message(chatEventKey('slack', 'Ev-old-failed'), 'failed', ago(day + 5_000)),
      message(chatEventKey('slack', 'Ev-old-claimed'), 'claimed', ago(day * 3)),
      message(chatEventKey('slack', 'Ev-recent'), 'sent', ago(day + 60_000), ago(day - 1_000)),
      message('please-update:olu-owner:2026-27-Q2', 'sent', ago(day * 30), ago(day * 30)),
    ];
    expect(forgettableEventKeys(outbox, now)).toEqual(['slack:event:Ev-old-sent', 'slack:event:Ev-old-failed']);
  });

  it('names at most a commit’s worth at a time, oldest first', () => {
    const outbox = Array.from({ length: MOST_FORGOTTEN_AT_ONCE + 3 }, (_, index) => message(chatEventKey('slack', `Ev${index}`), 'sent', ago(ANSWERED_EVENT_RETENTION_MS * 2), ago(ANSWERED_EVENT_RETENTION_MS * 2)));
    const keys = forgettableEventKeys(outbox, now);
    expect(keys).toHaveLength(MOST_FORGOTTEN_AT_ONCE);
    expect(keys[0]).toBe('slack:event:Ev0');
  });
});
