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

/** Each list of people's active members by chat id, built once per list: the store never changes a list it has handed out, it makes a new one. */
const senderIndexes = new WeakMap<readonly Person[], { readonly teams: Map<string, Person>; readonly slack: Map<string, Person> }>();

function senderIndexOf(people: readonly Person[]) {
  let index = senderIndexes.get(people);
  if (!index) {
    index = { teams: new Map(), slack: new Map() };
    for (const person of people) {
      if (!person.active) continue;
      // The first of two people with one id wins, as a scan of the list would find.
      const teams = person.teamsAadObjectId?.toLowerCase();
      if (teams && !index.teams.has(teams)) index.teams.set(teams, person);
      if (person.slackUserId && !index.slack.has(person.slackUserId)) index.slack.set(person.slackUserId, person);
    }
    senderIndexes.set(people, index);
  }
  return index;
}

/**
 * The active Person behind a chat identity, or undefined when the business team has not added
 * them. Every turn asks this first, so it looks the id up in an index of the people rather than
 * scan them.
 */
export function findSender(db: Database, identity: ChatIdentity): Person | undefined {
  if (identity.channel === 'teams') {
    const id = identity.aadObjectId?.trim().toLowerCase();
    return id ? senderIndexOf(db.people).teams.get(id) : undefined;
  }
  const id = identity.userId?.trim();
  return id ? senderIndexOf(db.people).slack.get(id) : undefined;
}
