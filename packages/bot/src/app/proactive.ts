import type { ChatService } from '@partnership-tracker/core';
import type { Reply } from './reply.js';

/**
 * Who a proactive message goes to: a person's personal chat (by Person id), or a channel of a
 * chat service (a new post in it, never a threaded reply).
 */
// A type alias rather than an interface: an interface cannot be a union.
export type ProactiveTarget = { kind: 'person'; personId: string } | { kind: 'channel'; service: ChatService; conversationId: string };

/** How a single proactive send went; `retryAfterMs` is set when the channel throttled us (HTTP 429). */
export type SendOutcome = { ok: true } | { ok: false; retryAfterMs?: number; permanent: boolean; error: string };

/** Sends a Reply to a person or channel without an incoming message; the scheduler's only way out. */
export interface ProactiveSender {
  send(target: ProactiveTarget, reply: Reply): Promise<SendOutcome>;
}
