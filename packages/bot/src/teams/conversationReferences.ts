import type { Clock, ConversationReference as SavedReference, Database, Store } from '@partnership-tracker/core';
import { TurnContext, type Activity } from 'botbuilder';
import { findSender } from '../app/identity.js';

/** The actor the bot commits as when it saves conversation references. */
export const BOT_ACTOR = { kind: 'system', name: 'bot' } as const;

/** The Teams channel id of an activity in a channel, without the `;messageid=` of a thread. */
export function channelIdOf(activity: Partial<Activity>): string | undefined {
  const channelData = activity.channelData as { channel?: { id?: string } } | undefined;
  return channelData?.channel?.id ?? activity.conversation?.id?.split(';')[0];
}

/**
 * The reference to save for the conversation an activity came from: a known person's personal
 * chat, a channel, or a group chat. Undefined for a personal chat with someone not yet known.
 */
export function referenceToSave(db: Database, activity: Partial<Activity>, savedAt: string): SavedReference | undefined {
  const type = activity.conversation?.conversationType ?? 'personal';
  const reference = JSON.parse(JSON.stringify(TurnContext.getConversationReference(activity))) as Record<string, unknown>;
  // The reference keeps the incoming activity's id; a proactive message does not reply to it.
  delete reference.activityId;
  if (type === 'channel') {
    const channelId = channelIdOf(activity);
    if (!channelId) return undefined;
    return { key: `teams:channel:${channelId}`, channel: 'teams', scope: 'channel', personId: null, conversationId: channelId, reference, savedAt };
  }
  const conversationId = activity.conversation?.id;
  if (!conversationId) return undefined;
  if (type === 'groupChat') {
    return { key: `teams:group:${conversationId}`, channel: 'teams', scope: 'group', personId: null, conversationId, reference, savedAt };
  }
  const person = findSender(db, { channel: 'teams', aadObjectId: activity.from?.aadObjectId });
  if (!person) return undefined;
  return { key: `teams:personal:${person.id}`, channel: 'teams', scope: 'personal', personId: person.id, conversationId, reference, savedAt };
}

/**
 * Saves (or refreshes) the reference for an activity's conversation, writing only when it
 * changed, and returns the data as it stands after, for the rest of the turn to use.
 */
export async function saveConversationReference(store: Store, clock: Clock, activity: Partial<Activity>): Promise<Database> {
  const db = await store.read();
  const savedAt = clock.now().toISOString();
  const conversation = referenceToSave(db, activity, savedAt);
  if (!conversation) return db;
  const existing = db.conversations.find((c) => c.key === conversation.key);
  if (existing && JSON.stringify({ ...existing, savedAt: '' }) === JSON.stringify({ ...conversation, savedAt: '' })) return db;
  const result = await store.commit([{ type: 'conversation.save', conversation }], { actor: BOT_ACTOR, at: savedAt });
  if (!result.success) throw new Error(`Could not save the conversation reference ${conversation.key}: ${result.error.code} ${result.error.message}`);
  // A conversation's first turn: read again, so the turn sees its own saved reference.
  return store.read();
}
