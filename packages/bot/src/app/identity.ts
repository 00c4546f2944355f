import type { ChatService, Database, Person } from '@partnership-tracker/core';

/** Who sent a message, as the chat channel identifies them (never a display name). */
export type ChatIdentity = { channel: 'teams'; aadObjectId: string | undefined } | { channel: 'slack'; userId: string | undefined };

/** Where a message was said: a personal chat, a group chat or a channel, as the chat service names it. */
export interface ChatPlace {
  readonly service: ChatService;
  readonly scope: 'personal' | 'group' | 'channel';
  /** The conversation's id; for a channel, the channel's own id (not a thread's). */
  readonly conversationId: string;
  /** The channel's name, when the chat service said it. */
  readonly name?: string | null;
}

/** The active Person behind a chat identity, or undefined when the business team has not added them. */
export function findSender(db: Database, identity: ChatIdentity): Person | undefined {
  if (identity.channel === 'teams') {
    const id = identity.aadObjectId?.trim().toLowerCase();
    if (!id) return undefined;
    return db.people.find((p) => p.active && p.teamsAadObjectId?.toLowerCase() === id);
  }
  const id = identity.userId?.trim();
  if (!id) return undefined;
  return db.people.find((p) => p.active && p.slackUserId === id);
}
