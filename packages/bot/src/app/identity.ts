import type { Database, Person } from '@partnership-tracker/core';

/** Who sent a message, as the chat channel identifies them (never a display name). */
export type ChatIdentity = { channel: 'teams'; aadObjectId: string | undefined } | { channel: 'slack'; userId: string | undefined };

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
