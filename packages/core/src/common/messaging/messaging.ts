import { z } from 'zod';
import { Instant } from '../base/time.js';

/**
 * A saved chat conversation the bot may write to unprompted: a person's personal chat or a
 * subgroup's channel. The channel's own reference object is kept opaque.
 */
export const ConversationReference = z.object({
  key: z.string().min(1),
  channel: z.enum(['teams', 'slack']),
  scope: z.enum(['personal', 'channel', 'group']),
  /** The person (personal chats) or conversation id (channels) this reference reaches. */
  personId: z.string().min(1).nullable().default(null),
  conversationId: z.string().min(1),
  reference: z.record(z.string(), z.unknown()),
  savedAt: Instant,
});
export type ConversationReference = z.infer<typeof ConversationReference>;

/**
 * A proactive message the scheduler has claimed or sent. Its key names the rule and the
 * occasion (e.g. `reminder:due-14:A-12:2025-06-16`), so a message is sent at most once.
 */
export const OutboxMessage = z.object({
  key: z.string().min(1),
  state: z.enum(['claimed', 'sent', 'failed']),
  claimedAt: Instant,
  sentAt: Instant.nullable().default(null),
  attempts: z.number().int().min(0).default(0),
  error: z.string().nullable().default(null),
});
export type OutboxMessage = z.infer<typeof OutboxMessage>;
