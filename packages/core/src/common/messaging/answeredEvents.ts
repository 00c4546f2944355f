import type { OutboxMessage } from './messaging.js';

// A chat service that retries an event it believes unanswered (Slack does, within minutes) is
// answered once through the outbox: the event's key is claimed, then settled. The key is needed
// only while a retry can still come, and every answered event would otherwise stay in the outbox
// for good, each one read by every claim after it.

const EVENT = ':event:';

/** The outbox key under which one chat event is answered once. */
export function chatEventKey(channel: 'slack', eventId: string): string {
  return `${channel}${EVENT}${eventId}`;
}

/** How long an answered event's key is kept: a day, far beyond any retry (Slack's last comes after minutes). */
export const ANSWERED_EVENT_RETENTION_MS = 24 * 60 * 60_000;

/** The most keys one `outbox.forget` names, so that one commit stays small. */
export const MOST_FORGOTTEN_AT_ONCE = 500;

/**
 * The keys of answered (or given-up) chat events older than the retention, oldest first, at most
 * `MOST_FORGOTTEN_AT_ONCE`. An event still claimed is never among them: its answer is in progress.
 */
export function forgettableEventKeys(outbox: readonly OutboxMessage[], now: Date): string[] {
  const before = now.getTime() - ANSWERED_EVENT_RETENTION_MS;
  const keys: string[] = [];
  for (const message of outbox) {
    if (keys.length === MOST_FORGOTTEN_AT_ONCE) break;
    if (message.state === 'claimed' || !message.key.includes(EVENT)) continue;
    if (Date.parse(message.sentAt ?? message.claimedAt) <= before) keys.push(message.key);
  }
  return keys;
}
